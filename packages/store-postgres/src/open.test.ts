import {
  ErrorCodes,
  isFreshetError,
  type Logger,
  type RunRow,
  type StorePluginModule,
  silentLogger,
} from '@freshet/core';
import { describe, expect, it } from 'vitest';
import * as plugin from './index.js';
import { migrateStore, openPostgresStore, openStore } from './open.js';
import { adminPool, schemasDroppedAfterEach, TEST_DATABASE_URL } from './test-database.js';

// The package is a store plugin: this fails to compile when the contract moves on without it.
const _plugin: StorePluginModule = plugin;

const freshSchema = schemasDroppedAfterEach('freshet_open');

async function tablesIn(schema: string): Promise<string[]> {
  const { rows } = await adminPool().query<{ table_name: string }>(
    'select table_name from information_schema.tables where table_schema = $1 order by table_name',
    [schema],
  );
  return rows.map((r) => r.table_name);
}

/** A URL of the test server with a password in it (trust auth ignores it). */
function withPassword(password: string, database?: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.password = password;
  if (database !== undefined) url.pathname = `/${database}`;
  return url.toString();
}

/** Everything of an error a log line or a JSON answer could show. */
function everythingShown(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    const error = e as Error & { hint?: unknown; details?: unknown };
    parts.push(String(error), String(error.stack), String(error.hint), JSON.stringify(error.details ?? null));
    e = error.cause;
  }
  return parts.join('\n');
}

describe('openPostgresStore', () => {
  it('creates the schema when missing, and opens it again without migrating anything', async () => {
    const schema = freshSchema();
    const logs: string[] = [];
    const logger: Logger = { ...silentLogger, info: (_fields, message) => logs.push(message) };
    const first = await openPostgresStore({ url: TEST_DATABASE_URL, schema }, { logger });
    await first.setMeta('k', 'v');
    await first.close();
    expect(await tablesIn(schema)).toContain('checkpoints');

    const again = await openStore(
      { use: '@freshet/store-postgres', url: TEST_DATABASE_URL, schema },
      { logger },
    );
    expect(await again.getMeta('k')).toBe('v');
    await again.close();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/schema migrated from version 0 to \d+$/);
  });

  it('never shows the password: unreachable server, unknown database, bad options', async () => {
    const password = 'Hunter2-Secret-Pw';
    const unreachable = await openPostgresStore({
      url: withPassword(password).replace(/:\d+\//, ':1/'),
    }).catch((e: unknown) => e);
    expect(isFreshetError(unreachable, ErrorCodes.STORE_ERROR)).toBe(true);
    expect((unreachable as Error).message).toMatch(
      /^\[freshet\] store postgres:\/\/\w+@[\w.]+:1\/\w+: cannot connect: /,
    );
    expect((unreachable as { retryable: boolean }).retryable).toBe(true);
    expect(everythingShown(unreachable)).not.toContain(password);

    const unknownDatabase = await openPostgresStore({
      url: withPassword(password, 'freshet_no_such_db'),
    }).catch((e: unknown) => e);
    expect((unknownDatabase as Error).message).toContain('database "freshet_no_such_db" does not exist');
    expect(everythingShown(unknownDatabase)).not.toContain(password);

    const badOptions = await openPostgresStore({ url: withPassword(password), poolSize: 0 }).catch(
      (e: unknown) => e,
    );
    expect(isFreshetError(badOptions, ErrorCodes.CONFIG_INVALID)).toBe(true);
    expect(everythingShown(badOptions)).not.toContain(password);
  });

  it('migrates with migrateStore (freshet store migrate), then opens without migrating', async () => {
    const schema = freshSchema();
    const first = await migrateStore({ url: TEST_DATABASE_URL, schema }, { logger: silentLogger });
    expect(first.from).toBe(0);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await migrateStore({ url: TEST_DATABASE_URL, schema }, { logger: silentLogger })).toEqual({
      from: first.to,
      to: first.to,
      applied: [],
    });
    const store = await openStore(
      { url: TEST_DATABASE_URL, schema },
      { logger: silentLogger, migrate: false },
    );
    await store.setMeta('k', 1);
    await store.close();
  });

  it('migrates once when several processes open a new schema at the same time', async () => {
    const schema = freshSchema();
    const migrated: unknown[] = [];
    const logger: Logger = { ...silentLogger, info: (fields) => migrated.push(fields) };
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openStore({ url: TEST_DATABASE_URL, schema, poolSize: 2 }, { logger })),
    );
    expect(migrated).toHaveLength(1);
    const { rows } = await adminPool().query(
      `select version from "${schema}".schema_version order by version`,
    );
    expect(rows.map((r) => r.version)).toEqual((migrated[0] as { applied: number[] }).applied);
    await Promise.all(stores.map((store, i) => store.setMeta(`opener-${i}`, i)));
    expect(await stores[0]!.getMeta('opener-3')).toBe(3);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('reports a commit that Postgres turned into a rollback, instead of losing the work silently', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema });
    try {
      const run: RunRow = {
        id: 'run-1',
        runKey: null,
        trigger: 'manual',
        status: 'running',
        scope: {},
        plan: [],
        metadata: {},
        startedAt: new Date(0),
        finishedAt: null,
        error: null,
      };
      await store.createRun(run);
      const outcome = await store
        .transaction(async (tx) => {
          await tx.setMeta('k', 'v');
          // A duplicate id fails the statement; swallowing it leaves an aborted transaction.
          await tx.createRun(run).catch(() => undefined);
        })
        .catch((e: unknown) => e);
      expect(isFreshetError(outcome, ErrorCodes.STORE_ERROR)).toBe(true);
      expect((outcome as Error).message).toContain(
        'transaction (commit) failed: the transaction was rolled back',
      );
      expect(await store.getMeta('k')).toBeNull();
      // The connection went back to the pool in a usable state.
      await store.setMeta('k', 'after');
      expect(await store.getMeta('k')).toBe('after');
    } finally {
      await store.close();
    }
  });
});
