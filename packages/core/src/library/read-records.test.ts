import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isFreshetError } from '../errors.js';
import { sha256Hex } from '../hashing.js';
import { openSqliteStore } from '../sqlite.js';
import type { Store, StoredRecord } from '../store/types.js';
import { type ReadRecordsQuery, readRecords } from './read-records.js';

let store: Store;
const at = new Date('2025-03-01T00:00:00Z');

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
});

afterEach(async () => {
  await store.close();
});

async function write(source: string, partitionKey: string, keys: string[]) {
  const records = keys.map((key) => {
    const json = JSON.stringify({ id: key });
    return { key, json, hash: sha256Hex(json) };
  });
  await store.upsertRecords({ source, partitionKey, records, at });
}

const numbered = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

async function collect(query?: ReadRecordsQuery): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for await (const record of readRecords(store, query)) out.push(record);
  return out;
}

describe('readRecords', () => {
  it('yields every record once, in key order, a page at a time', async () => {
    await write('fake', 'fake:batch_0001', numbered('k', 1234));
    const listRecords = vi.spyOn(store, 'listRecords');

    const keys = (await collect({ source: 'fake', pageSize: 100 })).map((r) => r.key);

    expect(keys).toEqual(numbered('k', 1234));
    // 13 pages: 12 full ones and the last of 34; the short page says there is no more.
    expect(listRecords).toHaveBeenCalledTimes(13);
    expect(listRecords.mock.calls.every(([query]) => query.limit === 100)).toBe(true);
  });

  it('stops early without reading further pages when the caller breaks', async () => {
    await write('fake', 'fake:batch_0001', numbered('k', 50));
    const listRecords = vi.spyOn(store, 'listRecords');
    for await (const record of readRecords(store, { pageSize: 10 })) {
      if (record.key === 'k00003') break;
    }
    expect(listRecords).toHaveBeenCalledTimes(1);
  });

  it('reads one partition, its source taken from the key', async () => {
    await write('nih', 'nih:project_week_2025-W01', ['1', '2']);
    await write('nih', 'nih:project_week_2025-W02', ['3']);
    await write('fake', 'fake:batch_0001', ['4']);
    const records = await collect({ partition: 'nih:project_week_2025-W01' });
    expect(records.map((r) => [r.source, r.key, r.partitionKey])).toEqual([
      ['nih', '1', 'nih:project_week_2025-W01'],
      ['nih', '2', 'nih:project_week_2025-W01'],
    ]);
  });

  it('reads one key or many, more than one statement can hold', async () => {
    const keys = numbered('k', 1200);
    await write('fake', 'fake:batch_0001', keys);
    expect((await collect({ source: 'fake', key: 'k00042' })).map((r) => r.payload)).toEqual([
      { id: 'k00042' },
    ]);
    const wanted = [...keys.filter((_, i) => i % 2 === 0), 'not-stored'];
    const found = await collect({ source: 'fake', key: wanted });
    expect(found.map((r) => r.key)).toEqual(keys.filter((_, i) => i % 2 === 0));
  });

  it('reads changes since a time', async () => {
    await write('fake', 'fake:batch_0001', ['a', 'b']);
    const later = new Date('2025-03-05T00:00:00Z');
    const json = JSON.stringify({ id: 'b', v: 2 });
    await store.upsertRecords({
      source: 'fake',
      partitionKey: 'fake:batch_0001',
      records: [{ key: 'b', json, hash: sha256Hex(json) }],
      at: later,
    });
    expect((await collect({ changedSince: later })).map((r) => r.key)).toEqual(['b']);
  });

  it('refuses a bad query with a message naming the fix', async () => {
    const cases: Array<[ReadRecordsQuery, RegExp]> = [
      [{ partition: 'project_week_2025-W01' }, /is not a partition key; it looks like source:cohort/],
      [{ source: 'fake', partition: 'nih:project_week_2025-W01' }, /belongs to source nih, not fake/],
      [{ changedSince: { runId: 'run_nope' } }, /run "run_nope", which this store does not hold/],
      [{ changedSince: new Date('soon') }, /changedSince is an invalid Date/],
      [{ pageSize: 0 }, /pageSize must be a whole number from 1 to 5000; got 0/],
    ];
    for (const [query, message] of cases) {
      const err = await collect(query).catch((e: unknown) => e as Error);
      expect(isFreshetError(err), String(err)).toBe(true);
      expect((err as Error).message).toMatch(message);
    }
  });
});
