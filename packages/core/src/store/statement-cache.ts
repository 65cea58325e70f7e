import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Prepared statements kept per database; the store's own queries number a few dozen. */
export const STATEMENT_CACHE_SIZE = 200;

/**
 * The database as Kysely's SqliteDialect sees it, with `prepare` answered from a cache: Kysely
 * prepares every query anew, and preparing a multi-row insert costs about as much as running it.
 * Least recently used statements go first. A statement is safe to hand out again because
 * better-sqlite3 runs it to completion synchronously; only one still iterating (a stream) is
 * busy, and then a fresh one is prepared for the caller.
 */
export function cachingDatabase(
  database: BetterSqlite3.Database,
  capacity = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return database.prepare(sql);
        // Re-inserting moves it to the end of the map's order: the most recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
    close(): void {
      cache.clear();
      database.close();
    },
  };
}
