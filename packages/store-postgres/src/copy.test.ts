import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@freshet/core';
import { copyStore } from '@freshet/core/kysely';
import { openSqliteStore } from '@freshet/core/sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from './index.js';
import { schemasDroppedAfterEach, TEST_DATABASE_URL } from './test-database.js';

const freshSchema = schemasDroppedAfterEach('freshet_copy');
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function postgres(): Promise<Store> {
  return openPostgresStore({ url: TEST_DATABASE_URL, schema: freshSchema() });
}

async function sqlite(name: string): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-pg-copy-'));
  dirs.push(dir);
  return openSqliteStore({ path: join(dir, `${name}.sqlite`) });
}

const at = (n: number) => new Date(Date.UTC(2025, 2, 1) + n * 1000);

/** Everything a store reads back of records, events and the ledger watermark. */
async function contents(store: Store) {
  const keys: string[] = [];
  for await (const key of store.recordKeys('nih')) keys.push(key);
  return {
    records: await Promise.all(keys.sort().map((key) => store.getRecord('nih', key))),
    events: await store.listAssetEvents(),
    watermark: await store.ledgerWatermark(),
    checkpoints: await store.listCheckpoints(),
  };
}

describe('copyStore between SQLite and Postgres', () => {
  it('moves an SQLite store into Postgres and back, every row and the ids that follow', async () => {
    const from = await sqlite('from');
    for (let batch = 0; batch < 3; batch++) {
      const records = Array.from({ length: 700 }, (_, i) => ({
        key: `${batch}-${i}`,
        hash: `h${i}`,
        json: JSON.stringify({ batch, i, title: 'ünïcode ✓' }),
      }));
      await from.upsertRecords({ source: 'nih', partitionKey: `nih:w${batch}`, records, at: at(batch) });
    }
    await from.appendAssetEvent({ asset: 'bulk', status: 'success', message: null, at: at(5) });

    const middle = await postgres();
    const there = await copyStore(from, middle);
    expect(there.tables.records).toBe(2100);
    expect(await contents(middle)).toEqual(await contents(from));
    // Postgres's sequence follows the copied ids.
    expect(
      (await middle.appendAssetEvent({ asset: 'bulk', status: 'failure', message: 'x', at: at(6) })).id,
    ).toBe(2);

    const back = await sqlite('back');
    await copyStore(middle, back);
    expect(await contents(back)).toEqual(await contents(middle));
    await Promise.all([from.close(), middle.close(), back.close()]);
  });
});
