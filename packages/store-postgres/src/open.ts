import type { Logger, Store, StorePluginContext } from '@freshet/core';
import { KyselyStore, type MigrationResult, wrapStoreError } from '@freshet/core/kysely';
import { type Connection, connect, redacted } from './connection.js';
import { migrate } from './migrate.js';
import type { PostgresStoreOptions } from './options.js';
import { requireLatestSchema } from './schema-version.js';

export interface OpenPostgresStoreContext {
  /** Receives the pool's warnings (an idle connection lost) and migration notes. */
  logger?: Logger;
  /** Default true: create or upgrade the schema. false: refuse any schema but the latest. */
  migrate?: boolean;
}

/**
 * Opens the store on Postgres: checks the options, connects, and creates or upgrades the schema
 * (or, with `migrate: false`, refuses a schema that is not the latest). Errors never show the
 * password: the store is named by its redacted URL.
 */
export async function openPostgresStore(
  options: PostgresStoreOptions,
  context: OpenPostgresStoreContext = {},
): Promise<Store> {
  const connection = await connect(options, context.logger);
  const { db, dialect, label } = connection;
  try {
    if (context.migrate === false) await requireLatestSchema(db, label);
    else await migrateLogged(connection);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw redacted(wrapStoreError(label, 'open', err, dialect), connection.redact);
  }
  return new KyselyStore({ db, dialect, label });
}

/**
 * Creates or upgrades the schema and closes the connection again: `freshet store migrate`, the
 * deploy step before workers that open the store with `migrate: false`.
 */
export async function migratePostgresStore(
  options: PostgresStoreOptions,
  context: { logger?: Logger } = {},
): Promise<MigrationResult> {
  const connection = await connect(options, context.logger);
  try {
    return await migrateLogged(connection);
  } catch (err) {
    throw redacted(wrapStoreError(connection.label, 'migrate', err, connection.dialect), connection.redact);
  } finally {
    await connection.db.destroy().catch(() => undefined);
  }
}

/**
 * The `StorePluginModule` entry: `store: { use: 'postgres', url: … }` in a config. The options
 * are the config's `store` object, checked here with messages naming the key.
 */
export function openStore(options: Record<string, unknown>, context: StorePluginContext): Promise<Store> {
  return openPostgresStore(options as unknown as PostgresStoreOptions, context);
}

/** The `StorePluginModule` entry of `freshet store migrate`. */
export function migrateStore(
  options: Record<string, unknown>,
  context: { logger: Logger },
): Promise<MigrationResult> {
  return migratePostgresStore(options as unknown as PostgresStoreOptions, context);
}

async function migrateLogged({ db, dialect, settings, label, logger }: Connection): Promise<MigrationResult> {
  const result = await migrate(db, dialect, settings.schema, label);
  if (result.applied.length > 0) {
    logger.info(
      { store: label, from: result.from, to: result.to, applied: result.applied },
      `store ${label}: schema migrated from version ${result.from} to ${result.to}`,
    );
  }
  return result;
}
