import { ErrorCodes, FreshetError } from '@freshet/core';
import { z } from 'zod';
import { isPostgresScheme, parsePostgresUrl } from './url.js';

/** What `openPostgresStore` takes; a config's `store` object gives the same keys (plus `use`). */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database`, usually `'${FRESHET_DATABASE_URL}'`. */
  url: string;
  /** The Postgres schema holding Freshet's tables; created when missing. Default `public`. */
  schema?: string;
  /** Connections in the pool of this process. Default 10. */
  poolSize?: number;
  /** Longest any one statement may run, in ms (0: no limit). Default 30000. */
  statementTimeoutMs?: number;
  /** Longest a write waits for the store's write lock or a row lock, in ms (0: no limit). Default 10000. */
  lockTimeoutMs?: number;
  /** Longest to wait for a connection (a new one, or a free one of a busy pool), in ms (0: no limit). Default 10000. */
  connectTimeoutMs?: number;
  /** Shown in `pg_stat_activity.application_name`. Default `freshet`. */
  applicationName?: string;
}

export type PostgresStoreSettings = Required<PostgresStoreOptions>;

/** Plain identifiers only: they go unquoted into `search_path` and need no escaping anywhere. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** "<key> <predicate> (got …)": the predicate says what is wrong and what to write instead. */
const expecting =
  (what: string, show = true) =>
  (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `is missing; it must be ${what}`
      : `must be ${what}${show ? got(issue.input) : ''}`;

const milliseconds = (fallback: number) =>
  z
    .int({ error: expecting('a whole number of milliseconds, 0 or more') })
    .min(0, { error: expecting('a whole number of milliseconds, 0 or more') })
    .default(fallback);

const schema = z.strictObject({
  // The plugin's own name, in case the config hands the whole `store` object over.
  use: z.string().optional(),
  url: z
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own ${VAR} syntax, shown as an example.
    .string({ error: expecting("a postgres:// URL, e.g. url: '${FRESHET_DATABASE_URL}'", false) })
    .superRefine((url, ctx) => {
      const problem = urlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  schema: z
    .string({ error: expecting('a Postgres schema name') })
    .regex(SCHEMA_NAME, {
      error: expecting(
        'a plain Postgres schema name: lower-case letters, digits and _, at most 63, e.g. freshet',
      ),
    })
    .refine((name) => !name.startsWith('pg_'), {
      error: 'must not start with pg_ (Postgres keeps those names)',
    })
    .default('public'),
  poolSize: z
    .int({ error: expecting('a whole number of connections, 1 or more') })
    .min(1, { error: expecting('a whole number of connections, 1 or more') })
    .max(1000, { error: expecting('at most 1000 connections') })
    .default(10),
  statementTimeoutMs: milliseconds(30_000),
  lockTimeoutMs: milliseconds(10_000),
  connectTimeoutMs: milliseconds(10_000),
  applicationName: z
    .string({ error: expecting('a string') })
    .max(63, { error: expecting('at most 63 characters (Postgres cuts longer names)') })
    .default('freshet'),
});

/**
 * Validates a config's `store` options (or a library user's), naming each bad key and the fix.
 * The URL is never echoed: it carries the password.
 */
export function parseStoreOptions(input: unknown): PostgresStoreSettings {
  const result = schema.safeParse(input ?? {});
  if (result.success) {
    const { use: _use, ...settings } = result.data;
    return settings;
  }
  const lines = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) => `store.${key} is not an option of @freshet/store-postgres (known: ${KNOWN_KEYS.join(', ')})`,
      );
    }
    return [`store.${issue.path.map(String).join('.')} ${issue.message}`];
  });
  return failure(lines);
}

const KNOWN_KEYS = Object.keys(schema.shape).filter((key) => key !== 'use');

function failure(lines: string[]): never {
  throw new FreshetError(ErrorCodes.CONFIG_INVALID, lines.join('\n'), { details: { issues: lines } });
}

function urlProblem(url: string): string | null {
  if (url.trim() === '') {
    return 'is empty; set FRESHET_DATABASE_URL (or the variable it names) to postgres://user:password@host:5432/database';
  }
  const parsed = parsePostgresUrl(url);
  if (parsed === null) {
    return 'is not a URL; write it as postgres://user:password@host:5432/database, with special characters of the password percent-encoded';
  }
  if (!isPostgresScheme(parsed.scheme)) {
    return `must start with postgres:// or postgresql:// (got a ${JSON.stringify(parsed.scheme)} URL)`;
  }
  return null;
}

function got(value: unknown): string {
  if (typeof value === 'string')
    return ` (got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return ` (got ${value})`;
  return ` (got ${Array.isArray(value) ? 'a list' : typeof value})`;
}
