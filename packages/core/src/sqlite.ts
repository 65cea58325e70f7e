import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { ErrorCodes, FreshetError } from './errors.js';
import { KyselyStore } from './store/kysely-store.js';
import { type MigrationResult, migrateToLatest } from './store/migrate.js';
import type { Database } from './store/schema.js';
import { sqliteDialect } from './store/sqlite-dialect.js';
import { cachingDatabase } from './store/statement-cache.js';
import type { Store } from './store/types.js';

export interface SqliteStoreOptions {
  /** The database file (its directory is created), or `':memory:'` for a throwaway store. */
  path: string;
  /** How long a write waits for another process's write transaction. Default 5000. */
  busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const PAGE_SIZE = 8192;

/**
 * Opens (and creates or migrates) the embedded SQLite store. better-sqlite3 is imported only
 * here, so `@freshet/core` works without it for users of another store.
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const { store } = await openMigrated(options);
  return store;
}

/**
 * Brings the store's schema to the latest version (creating the file when missing) and says
 * which versions it applied: `freshet store migrate`.
 */
export async function migrateSqliteStore(options: SqliteStoreOptions): Promise<MigrationResult> {
  const { store, migration } = await openMigrated(options);
  await store.close();
  return migration;
}

async function openMigrated(
  options: SqliteStoreOptions,
): Promise<{ store: Store; migration: MigrationResult }> {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const inMemory = options.path === ':memory:';
  const file = inMemory ? options.path : resolve(options.path);

  const BetterSqlite3 = await loadDriver();
  let database: import('better-sqlite3').Database;
  try {
    if (!inMemory) await mkdir(dirname(file), { recursive: true });
    database = new BetterSqlite3(file, { timeout: busyTimeoutMs });
  } catch (err) {
    throw new FreshetError(ErrorCodes.STORE_ERROR, `store ${file}: cannot open: ${reason(err)}`, {
      cause: err,
    });
  }

  try {
    // Pages of 8 KiB rather than 4: each record row carries its payload, and bigger pages cut the
    // WAL frames (and syscalls) per record written. Only a new file takes it (before WAL is on).
    database.pragma(`page_size = ${PAGE_SIZE}`);
    // WAL lets readers (UI, CLI status) work while the daemon writes; NORMAL is durable enough with WAL.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    database.pragma('foreign_keys = ON');
  } catch (err) {
    database.close();
    throw new FreshetError(ErrorCodes.STORE_ERROR, `store ${file}: cannot configure: ${reason(err)}`, {
      cause: err,
    });
  }

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingDatabase(database) }) });
  const dialect = sqliteDialect({ busyTimeoutMs });
  let migration: MigrationResult;
  try {
    migration = await migrateToLatest(db, dialect, file);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { store: new KyselyStore({ db, dialect, label: file }), migration };
}

async function loadDriver(): Promise<typeof import('better-sqlite3')> {
  try {
    const module = await import('better-sqlite3');
    return module.default;
  } catch (err) {
    throw new FreshetError(
      ErrorCodes.STORE_ERROR,
      'the embedded SQLite store needs better-sqlite3; install it next to @freshet/core (npm install better-sqlite3@12)',
      { cause: err },
    );
  }
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
