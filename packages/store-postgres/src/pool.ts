import type { Logger } from '@freshet/core';
import pg from 'pg';
import type { PostgresStoreSettings } from './options.js';
import { prepareRepeatedWrites, statementNames } from './prepared-statements.js';

/** int8 (bigint, count(*)): epoch milliseconds and counts, all far below 2^53. */
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);

/**
 * A server that ends a session idle inside a transaction frees the store's write lock that
 * session held: a process stopped mid-transaction (SIGSTOP, a long GC pause, a frozen VM) stalls
 * every other writer of the fleet only this long. A transaction of the store runs its statements
 * back to back, never waiting on anything else between them, so seconds idle means stuck.
 */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 5_000;

/**
 * The connection pool of one store. Session settings travel in the startup packet (`options`),
 * so every connection has them before its first query: the schema first in `search_path`, and
 * the statement, lock and idle-in-transaction timeouts. bigint columns come back as numbers.
 */
export function createPool(settings: PostgresStoreSettings, logger: Logger, label: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    application_name: settings.applicationName,
    options: [
      `-c search_path=${settings.schema}`,
      `-c statement_timeout=${settings.statementTimeoutMs}`,
      `-c lock_timeout=${settings.lockTimeoutMs}`,
      `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
    ].join(' '),
    // Per pool, not pg.types.setTypeParser: other users of pg in the process keep their parsing.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? parseInt8
          : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
    },
  });
  const names = statementNames();
  pool.on('connect', (client) => {
    prepareRepeatedWrites(client, names);
    // A connection the server ends while it is checked out (a restart mid-query) emits 'error' on
    // its client, which the pool does not listen to then: unheard, it would end the process. The
    // query in flight fails by itself with the same error, classified as transient.
    client.on('error', (err) => {
      const code = (err as { code?: unknown }).code;
      logger.warn(
        { store: label, ...(typeof code === 'string' ? { code } : {}) },
        `store ${label}: a connection in use was closed: ${err.message}`,
      );
    });
  });
  // An idle connection the server closed (restart, failover) must not crash the process: the
  // pool drops it and the next query opens another.
  pool.on('error', (err) => {
    const code = (err as { code?: unknown }).code;
    logger.warn(
      { store: label, ...(typeof code === 'string' ? { code } : {}) },
      `store ${label}: an idle connection was closed: ${err.message}`,
    );
  });
  return pool;
}
