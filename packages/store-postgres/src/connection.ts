import {
  createRedactor,
  ErrorCodes,
  FreshetError,
  type Logger,
  type Redact,
  redactError,
  silentLogger,
} from '@freshet/core';
import type { Database, StoreDialect } from '@freshet/core/kysely';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { postgresDialect } from './dialect.js';
import { type PostgresStoreOptions, type PostgresStoreSettings, parseStoreOptions } from './options.js';
import { createPool } from './pool.js';
import { parsePostgresUrl } from './url.js';

/** A checked, connected store database, before the schema is looked at. */
export interface Connection {
  db: Kysely<Database>;
  dialect: StoreDialect;
  settings: PostgresStoreSettings;
  /** The redacted URL (and the schema): how every message names the store. */
  label: string;
  logger: Logger;
  /** Masks the URL's password in anything that might echo it. */
  redact: Redact;
}

/**
 * Checks the options, makes the pool and runs a first query, so an unreachable server fails
 * here with a message saying what to check. Nothing is left open when it throws.
 */
export async function connect(options: PostgresStoreOptions, logger = silentLogger): Promise<Connection> {
  const settings = parseStoreOptions(options);
  const url = parsePostgresUrl(settings.url);
  const schema = settings.schema === 'public' ? '' : ` (schema ${settings.schema})`;
  const label = `${url?.redacted ?? 'postgres'}${schema}`;
  const redact = createRedactor(url?.password ? [url.password] : []);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPool(settings, logger, label) }),
  });
  const dialect = postgresDialect({ schema: settings.schema });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    const reason = err instanceof Error && err.message !== '' ? err.message : String(err);
    throw redacted(
      new FreshetError(ErrorCodes.STORE_ERROR, `store ${label}: cannot connect: ${reason}`, {
        cause: err,
        retryable: dialect.isTransient(err),
        hint: 'check that Postgres runs and that FRESHET_DATABASE_URL names its host, port, database, user and password',
      }),
      redact,
    );
  }
  return { db, dialect, settings, label, logger, redact };
}

/** A FreshetError keeps its code and fields; its text and causes lose the password, should a driver echo it. */
export function redacted(err: unknown, redact: Redact): Error {
  if (!(err instanceof FreshetError)) return redactError(err, redact);
  return new FreshetError(err.code, redact(err.reason), {
    ...(err.hint === undefined ? {} : { hint: redact(err.hint) }),
    retryable: err.retryable,
    ...(err.details === undefined ? {} : { details: err.details }),
    ...(err.cause === undefined ? {} : { cause: redactError(err.cause, redact) }),
  });
}
