import { ErrorCodes, isFreshetError } from '@freshet/core';
import { type Database, migrateToLatest, migrations } from '@freshet/core/kysely';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { binaryTextColumns } from './collation.js';
import { postgresDialect } from './dialect.js';
import { openPostgresStore } from './open.js';
import { adminPool, schemasDroppedAfterEach, TEST_DATABASE_URL } from './test-database.js';

const LATEST = migrations.length;
const freshSchema = schemasDroppedAfterEach('freshet_version');

/** A schema as an older Freshet left it: every migration but the last. */
async function olderSchema(schema: string): Promise<void> {
  await adminPool().query(`create schema "${schema}"`);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schema}` }),
    }),
  });
  try {
    await migrateToLatest(
      db.withPlugin(binaryTextColumns),
      postgresDialect({ schema }),
      schema,
      migrations.slice(0, -1),
    );
  } finally {
    await db.destroy();
  }
}

async function refusal(promise: Promise<unknown>): Promise<Error & { hint?: string }> {
  const err = await promise.then(
    () => {
      throw new Error('the store opened');
    },
    (e: unknown) => e,
  );
  expect(isFreshetError(err, ErrorCodes.STORE_ERROR)).toBe(true);
  return err as Error & { hint?: string };
}

describe('schema versions', () => {
  it('with migrate: false, refuses a schema never migrated, naming `freshet store migrate`, and creates nothing', async () => {
    const schema = freshSchema();
    const err = await refusal(openPostgresStore({ url: TEST_DATABASE_URL, schema }, { migrate: false }));
    expect(err.message).toContain(`has no Freshet schema yet, and this Freshet needs version ${LATEST}`);
    expect(err.hint).toContain('run `freshet store migrate`');
    const { rowCount } = await adminPool().query('select 1 from pg_namespace where nspname = $1', [schema]);
    expect(rowCount).toBe(0);
  });

  it('with migrate: false, refuses an older schema; migrating brings it up to date', async () => {
    const schema = freshSchema();
    await olderSchema(schema);
    const err = await refusal(openPostgresStore({ url: TEST_DATABASE_URL, schema }, { migrate: false }));
    expect(err.message).toContain(
      `has schema version ${LATEST - 1}, and this Freshet needs version ${LATEST}`,
    );
    expect(err.message).toContain('run `freshet store migrate`');

    await (await openPostgresStore({ url: TEST_DATABASE_URL, schema })).close();
    const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema }, { migrate: false });
    await store.setMeta('k', 1);
    await store.close();
  });

  it('refuses a schema newer than this Freshet, migrating or not', async () => {
    const schema = freshSchema();
    await (await openPostgresStore({ url: TEST_DATABASE_URL, schema })).close();
    await adminPool().query(
      `insert into "${schema}".schema_version (version, name, applied_at) values ($1, 'from the future', 0)`,
      [LATEST + 1],
    );
    for (const migrate of [true, false]) {
      const err = await refusal(openPostgresStore({ url: TEST_DATABASE_URL, schema }, { migrate }));
      expect(err.message).toContain(
        `has schema version ${LATEST + 1}, newer than this Freshet knows (${LATEST}); upgrade Freshet to open it`,
      );
    }
  });
});
