import { CompiledQuery, type Kysely } from 'kysely';

/*
 * One write transaction at a time per store, as SQLite's `begin immediate` gives: a transaction-
 * scoped advisory lock taken right after `begin`, released by commit or rollback. Readers never
 * wait for it (MVCC), and stores in other schemas of the database have locks of their own.
 */

/** First half of the lock's key, "FRES": tells Freshet's locks apart in pg_locks (classid). */
const LOCK_NAMESPACE = 0x46524553;

/** Second half: a 32-bit FNV-1a hash of the schema name (objid); a clash only shares a lock. */
export function writeLockKey(schema: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(schema)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** `begin` and the lock in one round trip (a simple query may hold several statements). */
export function beginWriteQuery(schema: string): CompiledQuery {
  return CompiledQuery.raw(
    `begin isolation level read committed; select pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${writeLockKey(schema)})`,
  );
}

const ROLLBACK = CompiledQuery.raw('rollback');

/**
 * Runs the start of a write transaction; when any of it fails (a lock timeout), rolls back so
 * the connection goes back to the pool outside any transaction: the shared store only rolls
 * back what began.
 */
export async function beginOrRollBack<DB>(conn: Kysely<DB>, start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (err) {
    await conn.executeQuery(ROLLBACK).catch(() => undefined);
    throw err;
  }
}
