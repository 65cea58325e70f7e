import { CompiledQuery, type Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';
import type { Database } from './schema.js';

// Compiled once: every write transaction ends with one of them.
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

/** Wraps an error of the transaction machinery itself (begin, commit) for the caller. */
export type TransactionFailure = (op: 'begin' | 'commit', err: unknown) => Error;

/**
 * Runs `work` in one write transaction on one connection of `db`. Errors thrown by `work`
 * pass through untouched after the rollback; errors of begin/commit go through `fail`.
 */
export async function withWriteTransaction<T>(
  db: Kysely<Database>,
  dialect: StoreDialect,
  work: (conn: Kysely<Database>) => Promise<T>,
  fail: TransactionFailure,
): Promise<T> {
  let connected = false;
  try {
    return await db.connection().execute((conn) => {
      connected = true;
      return inTransaction(conn, dialect, work, fail);
    });
  } catch (err) {
    // No connection to be had (the database restarting): as much the transaction's own failure
    // as a failed begin, and told apart from the work's errors, which pass through.
    if (!connected) throw fail('begin', err);
    throw err;
  }
}

async function inTransaction<T>(
  conn: Kysely<Database>,
  dialect: StoreDialect,
  work: (conn: Kysely<Database>) => Promise<T>,
  fail: TransactionFailure,
): Promise<T> {
  try {
    await dialect.beginWrite(conn);
  } catch (err) {
    throw fail('begin', err);
  }
  let result: T;
  try {
    result = await work(conn);
  } catch (err) {
    await rollbackQuietly(conn);
    throw err;
  }
  try {
    const { rows } = await conn.executeQuery(COMMIT);
    // Postgres ends a transaction that a failed statement aborted (its error caught inside
    // the work) with ROLLBACK even when asked to commit: nothing was written, so say so.
    if ((rows[0] as { command?: unknown } | undefined)?.command === 'ROLLBACK') {
      throw new Error('the transaction was rolled back, not committed: a statement in it failed');
    }
  } catch (err) {
    await rollbackQuietly(conn);
    throw fail('commit', err);
  }
  return result;
}

/** The original error matters more than a failed rollback (the database may have rolled back already). */
async function rollbackQuietly(conn: Kysely<Database>): Promise<void> {
  try {
    await conn.executeQuery(ROLLBACK);
  } catch {
    // nothing left to undo
  }
}
