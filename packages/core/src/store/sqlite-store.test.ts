import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes, isFreshetError } from '../errors.js';
import { openSqliteStore } from '../sqlite.js';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations.js';
import type { Database } from './schema.js';
import { sqliteDialect } from './sqlite-dialect.js';
import type { Store } from './types.js';

const dirs: string[] = [];
async function tempFile(name = 'freshet.db'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-store-'));
  dirs.push(dir);
  return join(dir, name);
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const at = (n: number) => new Date(Date.UTC(2025, 2, 1) + n * 1000);

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

// The store contract (`@freshet/testkit/store`) runs on this store in the testkit's own tests.

const EVERY_VERSION = migrations.map((m) => m.version);

describe('SQLite store', () => {
  it('turns WAL on, creates the parent directory and keeps the file', async () => {
    const path = join(await tempFile(), '..', 'nested', 'deeper', 'store.db');
    const store = await openSqliteStore({ path });
    await store.setMeta('k', 1);
    const raw = new BetterSqlite3(path, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('page_size', { simple: true })).toBe(8192);
      expect(raw.prepare('select value from meta where key = ?').get('k')).toEqual({ value: '1' });
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('works in memory', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    await store.upsertRecords({
      source: 'nih',
      partitionKey: 'nih:w1',
      records: [{ key: 'a', hash: 'h', json: '1' }],
      at: at(0),
    });
    expect(await store.countRecords()).toBe(1);
    await store.close();
  });

  it('enforces foreign keys (a run partition needs its run)', async () => {
    const path = await tempFile();
    const store = await openSqliteStore({ path });
    const err = await errorOf(
      store.saveRunPartition({
        runId: 'missing',
        partitionKey: 'nih:w1',
        status: 'complete',
        counts: { slices: 0, written: 0, unchanged: 0, failed: 0, notFound: 0, apiCalls: 0 },
        retries: 0,
        durationMs: 0,
        error: null,
        slaGapClosed: null,
      }),
    );
    expect(isFreshetError(err, ErrorCodes.STORE_ERROR)).toBe(true);
    expect((err as Error).message).toContain(path);
    expect((err as Error).message).toContain('saveRunPartition');
    await store.close();
  });

  it('two stores on one file (CLI + daemon) interleave write transactions without losing any', async () => {
    const path = await tempFile();
    const cli = await openSqliteStore({ path });
    const daemon = await openSqliteStore({ path });
    const perStore = 40;
    const work = (store: Store, name: string) =>
      Array.from({ length: perStore }, (_, i) =>
        store.transaction(async (tx) => {
          const counter = ((await tx.getMeta('counter')) as number | null) ?? 0;
          // Yield mid-transaction so the other connection tries to write meanwhile.
          await new Promise((r) => setTimeout(r, Math.random() * 2));
          await tx.upsertRecords({
            source: 'nih',
            partitionKey: `nih:${name}`,
            records: [{ key: `${name}-${i}`, hash: 'h', json: JSON.stringify({ i }) }],
            at: at(i),
          });
          await tx.setMeta('counter', counter + 1);
        }),
      );
    const results = await Promise.allSettled([...work(cli, 'cli'), ...work(daemon, 'daemon')]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await cli.getMeta('counter')).toBe(perStore * 2);
    expect(await daemon.countRecords()).toBe(perStore * 2);
    expect((await cli.ledgerWatermark()).seq).toBe(perStore * 2);
    await cli.close();
    await daemon.close();
  });

  it('two stores on one file never grant more quota than the budget', async () => {
    const path = await tempFile();
    const a = await openSqliteStore({ path });
    const b = await openSqliteStore({ path });
    const calls = Array.from({ length: 50 }, (_, i) =>
      (i % 2 ? a : b).consumeQuota('nih', '2025-03-01', 1, 30),
    );
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.granted).length).toBe(30);
    expect(await a.quotaUsed('nih', '2025-03-01')).toBe(30);
    await a.close();
    await b.close();
  });

  it('a failed transaction releases the write lock and leaves nothing for another connection to see', async () => {
    const path = await tempFile();
    const first = await openSqliteStore({ path });
    const second = await openSqliteStore({ path, busyTimeoutMs: 500 });
    await first
      .transaction(async (tx) => {
        await tx.upsertRecords({
          source: 'nih',
          partitionKey: 'nih:w1',
          records: [{ key: 'a', hash: 'h', json: '1' }],
          at: at(0),
        });
        await tx.saveCheckpoint({
          partitionKey: 'nih:w1',
          source: 'nih',
          cohort: 'w1',
          status: 'running',
          cursor: 1,
          attempt: 1,
          counts: { slices: 1, written: 1, unchanged: 0, failed: 0, notFound: 0, apiCalls: 1 },
          runId: null,
          startedAt: at(0),
          updatedAt: at(0),
          completedAt: null,
          lastCompleteAt: null,
          durationMs: 1,
          error: null,
        });
        throw new Error('crash mid-slice');
      })
      .catch(() => undefined);
    expect(await second.countRecords()).toBe(0);
    expect(await second.getCheckpoint('nih:w1')).toBeNull();
    expect(await second.ledgerWatermark()).toEqual({ seq: 0, at: null, entries: 0 });
    await second.setMeta('written', true);
    expect(await first.getMeta('written')).toBe(true);
    await first.close();
    await second.close();
  });

  it('gives up on the write lock after busyTimeoutMs without blocking the event loop', async () => {
    const path = await tempFile();
    const store = await openSqliteStore({ path, busyTimeoutMs: 300 });
    const holder = new BetterSqlite3(path);
    holder.exec('begin immediate');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const started = Date.now();
    const err = await errorOf(store.setMeta('k', 1));
    const waited = Date.now() - started;
    clearInterval(ticker);
    holder.exec('rollback');
    holder.close();
    expect(isFreshetError(err, ErrorCodes.STORE_ERROR)).toBe(true);
    expect((err as { retryable?: boolean }).retryable).toBe(true);
    expect((err as Error).message).toContain(path);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(ticks).toBeGreaterThan(5);
    // Once the other writer is gone the store writes again.
    await store.setMeta('k', 2);
    expect(await store.getMeta('k')).toBe(2);
    await store.close();
  });

  it('reopening keeps the data and does not run migrations again', async () => {
    const path = await tempFile();
    const first = await openSqliteStore({ path });
    await first.upsertRecords({
      source: 'nih',
      partitionKey: 'nih:w1',
      records: [{ key: 'a', hash: 'h', json: '1' }],
      at: at(0),
    });
    await first.close();
    const versionsBefore = readVersions(path);
    expect(versionsBefore.map((v) => v.version)).toEqual(EVERY_VERSION);

    const reopened = await openSqliteStore({ path });
    expect(await reopened.getRecord('nih', 'a')).toMatchObject({ hash: 'h', revision: 1 });
    expect((await reopened.ledgerWatermark()).seq).toBe(1);
    await reopened.close();
    expect(readVersions(path)).toEqual(versionsBefore);

    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
    const result = await migrateToLatest(db, sqliteDialect({ busyTimeoutMs: 1000 }), path);
    await db.destroy();
    expect(result).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
  });

  it('migrates a new file once even when two processes open it at once', async () => {
    const path = await tempFile();
    const [a, b] = await Promise.all([openSqliteStore({ path }), openSqliteStore({ path })]);
    await a.close();
    await b.close();
    expect(readVersions(path).map((v) => v.version)).toEqual(EVERY_VERSION);
  });

  it('upgrades a store of schema 1 in place: a lease held then keeps its holder and gets token 1', async () => {
    const path = await tempFile();
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
    const dialect = sqliteDialect({ busyTimeoutMs: 1000 });
    await migrateToLatest(db, dialect, path, migrations.slice(0, 1));
    await db
      .insertInto('leases')
      .values({ partition_key: 'nih:w1', holder: 'run-old', expires_at: at(10).getTime() } as never)
      .execute();
    const result = await migrateToLatest(db, dialect, path);
    await db.destroy();
    expect(result).toEqual({ from: 1, to: LATEST_SCHEMA_VERSION, applied: EVERY_VERSION.slice(1) });

    const store = await openSqliteStore({ path });
    expect(await store.listLeases(at(0))).toEqual([
      { partitionKey: 'nih:w1', holder: 'run-old', expiresAt: at(10), token: 1 },
    ]);
    expect(await store.renewLease('nih:w1', 'run-old', 1, 60_000, at(1))).toBe(true);
    expect((await store.acquireLease('nih:w1', 'run-new', 60_000, at(70)))?.token).toBe(2);
    await store.close();
  });

  it('refuses a store whose schema is newer than this Freshet', async () => {
    const path = await tempFile();
    await (await openSqliteStore({ path })).close();
    const raw = new BetterSqlite3(path);
    raw
      .prepare('insert into schema_version (version, name, applied_at) values (?, ?, ?)')
      .run(999, 'future', 0);
    raw.close();
    const err = await errorOf(openSqliteStore({ path }));
    expect(isFreshetError(err, ErrorCodes.STORE_ERROR)).toBe(true);
    expect((err as Error).message).toMatch(/schema version 999.*upgrade Freshet/);
    expect((err as Error).message).toContain(path);
  });

  it('reports a file it cannot open as STORE_ERROR naming the path', async () => {
    const dir = join(await tempFile(), '..');
    const err = await errorOf(openSqliteStore({ path: dir }));
    expect(isFreshetError(err, ErrorCodes.STORE_ERROR)).toBe(true);
  });
});

describe('SQLite query plans', () => {
  /** A store over a database that remembers every statement it runs, with its parameters. */
  async function planningStore() {
    const raw = new BetterSqlite3(':memory:');
    const ran: Array<{ sql: string; params: unknown[] }> = [];
    const database = {
      prepare(sql: string) {
        const statement = raw.prepare(sql);
        return {
          reader: statement.reader,
          all(params: unknown[]) {
            ran.push({ sql, params });
            return statement.all(params);
          },
          run(params: unknown[]) {
            ran.push({ sql, params });
            return statement.run(params);
          },
          iterate(params: unknown[]) {
            ran.push({ sql, params });
            return statement.iterate(params);
          },
        };
      },
      close: () => raw.close(),
    };
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    const dialect = sqliteDialect({ busyTimeoutMs: 1000 });
    await migrateToLatest(db, dialect, 'plans');
    const store = new KyselyStore({ db, dialect, label: 'plans' });
    /** The plan of every statement on `records` that `work` ran. */
    const plans = async (work: () => Promise<unknown>): Promise<string[]> => {
      ran.length = 0;
      await work();
      return ran
        .filter((r) => /"?records"? /.test(r.sql) && !/^insert /i.test(r.sql))
        .map((r) =>
          (raw.prepare(`explain query plan ${r.sql}`).all(r.params) as Array<{ detail: string }>)
            .map((row) => row.detail)
            .join('; '),
        );
    };
    return { raw, store, plans };
  }

  it('keeps one secondary index on records, and every query of it searches an index', async () => {
    const { raw, store, plans } = await planningStore();
    const indexes = raw
      .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'records' order by name")
      .pluck()
      .all();
    expect(indexes).toEqual(['records_source_partition_success', 'sqlite_autoindex_records_1']);
    await store.upsertRecords({
      source: 'nih',
      partitionKey: 'nih:w1',
      records: [{ key: 'a', hash: 'h', json: '{"uei":"U1"}' }],
      at: at(0),
    });

    const partition = 'records_source_partition_success';
    const byPartition = `USING COVERING INDEX ${partition} (source=? AND partition_key=?)`;
    // The primary key: (source=?) for the first page of keys, (source=? AND key>?) or (… key=?) after.
    const byKey = 'USING INDEX sqlite_autoindex_records_1 (source=?';
    const staleBefore = at(1);
    expect(await plans(() => store.staleCounts('nih', staleBefore))).toEqual([
      `SEARCH records USING COVERING INDEX ${partition} (source=?)`,
    ]);
    expect(await plans(() => store.ledgerRollup({ staleBefore, source: 'nih' }))).toEqual([
      `SEARCH records USING COVERING INDEX ${partition} (source=?)`,
    ]);
    expect(
      await plans(() => store.ledgerRollup({ staleBefore, source: 'nih', partitionKeys: ['nih:w1'] })),
    ).toEqual([`SEARCH records ${byPartition}`]);
    // Without a source: the same index, once per source found by a loose scan of the primary key.
    const [rollup] = await plans(() => store.ledgerRollup({ staleBefore, partitionKeys: ['nih:w1'] }));
    expect(rollup).toContain(`SEARCH records ${byPartition}`);
    expect(rollup).toContain('SEARCH r USING COVERING INDEX sqlite_autoindex_records_1 (source>?)');
    const [count] = await plans(() => store.countRecords({ partitionKey: 'nih:w1' }));
    expect(count).toContain(`SEARCH records USING INDEX ${partition} (source=? AND partition_key=?)`);
    expect(await plans(() => store.countRecords({ source: 'nih', partitionKey: 'nih:w1' }))).toEqual([
      `SEARCH records USING INDEX ${partition} (source=? AND partition_key=?)`,
    ]);
    for (const plan of await plans(async () => {
      for await (const _ of store.recordKeys('nih')) {
        // drain
      }
      for await (const _ of store.recordKeys('nih', 'uei')) {
        // drain
      }
      await store.getRecord('nih', 'a');
      await store.getLedgerEntry('nih', 'a');
    })) {
      expect(plan).toContain(`SEARCH records ${byKey}`);
    }
    // A refresh finds rows by key twice: capturing the revisions it replaces (none here) and
    // updating the ledger of the unchanged rows.
    const refresh = await plans(() =>
      store.upsertRecords({
        source: 'nih',
        partitionKey: 'nih:w1',
        records: [{ key: 'a', hash: 'h', json: '{"uei":"U1"}' }],
        at: at(2),
      }),
    );
    expect(refresh.filter((plan) => plan.includes('(source=? AND key=?)'))).toHaveLength(2);
    await store.close();
  });
});

function readVersions(path: string): Array<{ version: number; applied_at: number }> {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    return raw.prepare('select version, applied_at from schema_version order by version').all() as Array<{
      version: number;
      applied_at: number;
    }>;
  } finally {
    raw.close();
  }
}
