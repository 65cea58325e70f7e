import type { Database } from '@freshet/core/kysely';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from './dialect.js';
import { openPostgresStore } from './open.js';
import { schemasDroppedAfterEach, TEST_DATABASE_URL } from './test-database.js';

const freshSchema = schemasDroppedAfterEach('freshet_dialect');

describe('postgresDialect', () => {
  it('moves an identity past ids copied in explicitly', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore({ url: TEST_DATABASE_URL, schema });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          connectionString: TEST_DATABASE_URL,
          max: 1,
          options: `-c search_path=${schema}`,
        }),
      }),
    });
    try {
      await db
        .insertInto('asset_events')
        .values({ id: 41, asset: 'a', status: 'success', message: null, at: 0 })
        .execute();
      await postgresDialect({ schema }).syncAutoIncrement?.(db, 'asset_events', 'id');
      const next = await store.appendAssetEvent({
        asset: 'a',
        status: 'success',
        message: null,
        at: new Date(1),
      });
      expect(next.id).toBe(42);
    } finally {
      await db.destroy();
      await store.close();
    }
  });
});
