import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, sql } from 'kysely';
import { ErrorCodes, FreshetError } from '../errors.js';
import type { StoreDialect } from './dialect.js';

/** SQLITE_MAX_VARIABLE_NUMBER of the SQLite that better-sqlite3 12 bundles. */
const SQLITE_MAX_PARAMETERS = 32_766;

/** Waits between write-lock attempts, like SQLite's own busy handler, then 100 ms each. */
const BUSY_BACKOFF_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50];
const BUSY_BACKOFF_MAX_MS = 100;

export interface SqliteDialectOptions {
  /** How long to wait for another connection's write transaction before giving up. */
  busyTimeoutMs: number;
}

/** Everything SQLite-specific the shared Kysely store needs. */
export function sqliteDialect({ busyTimeoutMs }: SqliteDialectOptions): StoreDialect {
  // Plain compiled statements: they run twice per write transaction, and raw SQL through the
  // query builder would be compiled anew each time.
  const noBusyTimeout = CompiledQuery.raw('pragma busy_timeout = 0');
  const beginImmediate = CompiledQuery.raw('begin immediate');
  const restoreBusyTimeout = CompiledQuery.raw(
    `pragma busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`,
  );
  return {
    name: 'sqlite',
    maxParameters: SQLITE_MAX_PARAMETERS,
    // Anonymous parameters: better-sqlite3 binds an array only to these, in order.
    placeholder: () => '?',

    /*
     * better-sqlite3 is synchronous: while SQLite's busy handler waits for the write lock it
     * blocks the whole event loop, so a second connection in the same process (or any other
     * async work) could never finish and release the lock. Ask for the lock without waiting,
     * and wait between attempts asynchronously, up to the same busy timeout.
     */
    async beginWrite(conn) {
      const deadline = Date.now() + busyTimeoutMs;
      await conn.executeQuery(noBusyTimeout);
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await conn.executeQuery(beginImmediate);
            return;
          } catch (err) {
            if (!isBusy(err) || Date.now() >= deadline) throw err;
            const wait = BUSY_BACKOFF_MS[attempt] ?? BUSY_BACKOFF_MAX_MS;
            await sleep(Math.min(wait * (0.5 + Math.random()), Math.max(1, deadline - Date.now())));
          }
        }
      } finally {
        await conn.executeQuery(restoreBusyTimeout);
      }
    },

    isTransient: isBusy,

    autoIncrementId: { type: 'integer', define: (column) => column.primaryKey().autoIncrement() },

    // Dialect-specific JSON extraction: SQLite's json_type/json_extract over the text payload.
    payloadStringField(field) {
      if (field.includes('"')) {
        throw new FreshetError(
          ErrorCodes.STORE_ERROR,
          `payload field ${JSON.stringify(field)} cannot contain '"'`,
        );
      }
      const path = `$."${field}"`;
      return sql<
        string | null
      >`case when json_type(${sql.ref('payload')}, ${path}) = 'text' then json_extract(${sql.ref('payload')}, ${path}) end`;
    },

    jsonStrings(json, alias) {
      return sql`json_each(${json}) as ${sql.id(alias)}`;
    },
  };
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
