import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFreshetError } from '../errors.js';
import { sha256Hex } from '../hashing.js';
import { openSqliteStore } from '../sqlite.js';
import type { RecordInput, RecordPageQuery, Store, StoredRecord } from './types.js';

let store: Store;

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
});

afterEach(async () => {
  await store.close();
});

function record(key: string, value: unknown): RecordInput {
  const json = JSON.stringify({ key, value });
  return { key, json, hash: sha256Hex(json) };
}

async function write(source: string, partitionKey: string, keys: string[], at: Date, value: unknown = 1) {
  return store.upsertRecords({ source, partitionKey, records: keys.map((k) => record(k, value)), at });
}

/** Every page of `query`, each resuming after the last record of the one before. */
async function allPages(query: Omit<RecordPageQuery, 'after'>): Promise<StoredRecord[][]> {
  const pages: StoredRecord[][] = [];
  let after: RecordPageQuery['after'];
  for (;;) {
    const page = await store.listRecords({ ...query, ...(after ? { after } : {}) });
    if (page.length === 0) return pages;
    pages.push(page);
    const last = page.at(-1)!;
    after = { source: last.source, key: last.key };
  }
}

const t0 = new Date('2025-03-01T00:00:00Z');
const t1 = new Date('2025-03-02T00:00:00Z');

describe('listRecords', () => {
  it('pages through every source in (source, key) order, each record once', async () => {
    await write('nih', 'nih:w1', ['b', 'a', 'c'], t0);
    await write('fake', 'fake:batch_0001', ['z', 'y'], t0);
    const pages = await allPages({ limit: 2 });
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((r) => `${r.source}/${r.key}`)).toEqual([
      'fake/y',
      'fake/z',
      'nih/a',
      'nih/b',
      'nih/c',
    ]);
    expect(pages[0]![0]).toMatchObject({ partitionKey: 'fake:batch_0001', payload: { key: 'y', value: 1 } });
  });

  it('filters by source, partition (with or without its source) and keys', async () => {
    await write('nih', 'nih:w1', ['a', 'b'], t0);
    await write('nih', 'nih:w2', ['c'], t0);
    await write('fake', 'fake:w1', ['a'], t0);
    const keys = async (query: Omit<RecordPageQuery, 'limit'>) =>
      (await store.listRecords({ ...query, limit: 100 })).map((r) => `${r.source}/${r.key}`);
    expect(await keys({ source: 'nih' })).toEqual(['nih/a', 'nih/b', 'nih/c']);
    expect(await keys({ partitionKey: 'nih:w2' })).toEqual(['nih/c']);
    expect(await keys({ source: 'nih', partitionKey: 'nih:w1' })).toEqual(['nih/a', 'nih/b']);
    expect(await keys({ keys: ['a'] })).toEqual(['fake/a', 'nih/a']);
    expect(await keys({ source: 'nih', keys: ['c', 'missing'] })).toEqual(['nih/c']);
  });

  it('takes changedSince as "payload inserted or changed", not "fetched again"', async () => {
    await write('nih', 'nih:w1', ['a', 'b', 'c'], t0, 1);
    // At t1 `a` comes back unchanged, `b` changed, and `d` is new.
    await write('nih', 'nih:w1', ['a'], t1, 1);
    await write('nih', 'nih:w1', ['b', 'd'], t1, 2);
    const changed = await store.listRecords({ source: 'nih', changedSince: t1, limit: 100 });
    expect(changed.map((r) => [r.key, r.revision])).toEqual([
      ['b', 2],
      ['d', 1],
    ]);
    expect(await store.listRecords({ source: 'nih', changedSince: t0, limit: 100 })).toHaveLength(4);
  });

  it('leaves out keys the ledger knows without a payload', async () => {
    await write('sam_gov', 'sam_gov:uei_batch_0001', ['A1'], t0);
    await store.markLedger({
      source: 'sam_gov',
      partitionKey: 'sam_gov:uei_batch_0001',
      keys: ['GONE'],
      status: 'not_found',
      at: t0,
    });
    const records = await store.listRecords({ source: 'sam_gov', limit: 10 });
    expect(records.map((r) => r.key)).toEqual(['A1']);
  });

  it('refuses a limit out of range and an `after` of another source, naming the problem', async () => {
    const refusal = (query: RecordPageQuery) => store.listRecords(query).catch((err: unknown) => err);
    const tooBig = await refusal({ limit: 10_000 });
    expect(isFreshetError(tooBig)).toBe(true);
    expect((tooBig as Error).message).toMatch(/limit must be a whole number from 1 to 5000; got 10000/);
    const wrongAfter = await refusal({ source: 'nih', after: { source: 'fake', key: 'a' }, limit: 1 });
    expect((wrongAfter as Error).message).toMatch(
      /after names source "fake" but the query is for source "nih"/,
    );
  });
});
