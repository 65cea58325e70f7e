import type { RecordPageQuery, Store, StoredRecord } from '@freshet/core';
import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { expectStoreError, minutes, rec } from './fixtures.js';

async function write(store: Store, partitionKey: string, keys: string[], at: Date, version = 1) {
  return store.upsertRecords({
    source: partitionKey.split(':')[0] ?? partitionKey,
    partitionKey,
    records: keys.map((key) => rec(key, `h${version}`, { key, version })),
    at,
  });
}

const ids = (records: StoredRecord[]) => records.map((r) => `${r.source}/${r.key}`);

/** `source/key` of one page of at most 5000 records: enough for every check's whole store. */
async function list(store: Store, query: Omit<RecordPageQuery, 'limit'> = {}): Promise<string[]> {
  return ids(await store.listRecords({ ...query, limit: 5000 }));
}

/** Every page of `query`, each resuming after the last record of the page before. */
async function pages(store: Store, query: Omit<RecordPageQuery, 'after'>): Promise<string[][]> {
  const out: string[][] = [];
  let after: RecordPageQuery['after'];
  for (;;) {
    const page = await store.listRecords({ ...query, ...(after === undefined ? {} : { after }) });
    if (page.length === 0) return out;
    expect(page.length).toBeLessThanOrEqual(query.limit);
    out.push(ids(page));
    const last = page.at(-1)!;
    after = { source: last.source, key: last.key };
  }
}

const keyRange = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

/**
 * `listRecords`: pages of stored records in (source, key) order, filtered, resumable after the
 * last record of the page before; `readRecords` builds on it.
 */
export const recordPageChecks = defineChecks({
  listFilters: {
    title: 'listRecords filters by source, partition key and keys, and they combine',
    async run({ store }) {
      await write(store, 'nih:w1', ['a', 'b'], minutes(1));
      await write(store, 'nih:w2', ['c'], minutes(1));
      await write(store, 'sam_gov:b1', ['a', 'z'], minutes(1));
      // `b` moves to w2 on an unchanged re-fetch: a record's partition follows its latest write.
      await write(store, 'nih:w2', ['b'], minutes(2));

      expect(await list(store)).toEqual(['nih/a', 'nih/b', 'nih/c', 'sam_gov/a', 'sam_gov/z']);
      expect(await list(store, { source: 'sam_gov' })).toEqual(['sam_gov/a', 'sam_gov/z']);
      expect(await list(store, { source: 'patentsview' })).toEqual([]);
      expect(await list(store, { partitionKey: 'nih:w2' })).toEqual(['nih/b', 'nih/c']);
      expect(await list(store, { partitionKey: 'nih:w1' })).toEqual(['nih/a']);
      expect(await list(store, { source: 'nih', partitionKey: 'nih:w2' })).toEqual(['nih/b', 'nih/c']);
      expect(await list(store, { source: 'nih', partitionKey: 'sam_gov:b1' })).toEqual([]);
      expect(await list(store, { keys: ['a', 'z', 'missing'] })).toEqual(['nih/a', 'sam_gov/a', 'sam_gov/z']);
      expect(await list(store, { source: 'nih', keys: ['a', 'c', 'a'] })).toEqual(['nih/a', 'nih/c']);
      expect(await list(store, { partitionKey: 'nih:w2', keys: ['a', 'b'] })).toEqual(['nih/b']);
      expect(await list(store, { keys: [] })).toEqual([]);

      // A listed record is the whole stored record, as getRecord reads it.
      const [listed] = await store.listRecords({ source: 'nih', keys: ['b'], limit: 1 });
      expect(listed).toEqual(await store.getRecord('nih', 'b'));
      expect(listed).toMatchObject({
        partitionKey: 'nih:w2',
        payload: { key: 'b', version: 1 },
        revision: 1,
      });
    },
  },
  listChangedSince: {
    title:
      'listRecords changedSince keeps records whose payload was inserted or changed at or after the time',
    async run({ store }) {
      await write(store, 'nih:w1', ['a', 'b', 'c', 'd'], minutes(1));
      // At minute 2: `a` is fetched again unchanged, `b` changes, `e` is new, `c` fails.
      await write(store, 'nih:w1', ['a'], minutes(2));
      await write(store, 'nih:w1', ['b', 'e'], minutes(2), 2);
      await store.markLedger({
        source: 'nih',
        partitionKey: 'nih:w1',
        keys: ['c'],
        status: 'failed',
        at: minutes(2),
        error: 'timeout',
      });
      await write(store, 'sam_gov:b1', ['x'], minutes(3));

      // The bound is inclusive, to the millisecond.
      expect(await list(store, { changedSince: minutes(2) })).toEqual(['nih/b', 'nih/e', 'sam_gov/x']);
      const justAfter = new Date(minutes(2).getTime() + 1);
      expect(await list(store, { changedSince: justAfter })).toEqual(['sam_gov/x']);
      expect(await list(store, { source: 'nih', changedSince: minutes(2) })).toEqual(['nih/b', 'nih/e']);
      expect(await list(store, { changedSince: minutes(1) })).toHaveLength(6);
      expect(await list(store, { keys: ['a', 'b'], changedSince: minutes(2) })).toEqual(['nih/b']);
      const [b] = await store.listRecords({ source: 'nih', keys: ['b'], changedSince: minutes(2), limit: 1 });
      expect(b).toMatchObject({ revision: 2, firstSeenAt: minutes(1), updatedAt: minutes(2) });

      // Another unchanged re-fetch, later still, does not make `b` changed since minute 3.
      await write(store, 'nih:w1', ['b'], minutes(4), 2);
      expect(await list(store, { changedSince: minutes(3) })).toEqual(['sam_gov/x']);
    },
  },
  listOrder: {
    title: 'listRecords returns records in binary (source, key) order, whatever the write order',
    async run({ store }) {
      const keys = ['b', 'é', 'a_1', '9', 'B', 'a', '10', 'a-1', 'A'];
      await write(store, 'sam_gov:b1', ['m', 'M'], minutes(1));
      await write(store, 'nih:w2', keys.slice(0, 4), minutes(1));
      await write(store, 'nih:w1', keys.slice(4), minutes(1));
      // Binary order: digits, then upper case, then lower case; '-' before '_'; non-ASCII last.
      const sorted = ['10', '9', 'A', 'B', 'a', 'a-1', 'a_1', 'b', 'é'];
      expect(await list(store, { source: 'nih' })).toEqual(sorted.map((k) => `nih/${k}`));
      expect(await list(store)).toEqual([...sorted.map((k) => `nih/${k}`), 'sam_gov/M', 'sam_gov/m']);
      expect(await list(store, { keys: [...keys].reverse() })).toEqual(sorted.map((k) => `nih/${k}`));
    },
  },
  listPaging: {
    title:
      'listRecords pages resume after the last record, none repeated or skipped, within and across sources',
    async run({ store }) {
      // sam_gov's keys sort before nih's last keys: resuming across sources must not compare keys alone.
      const nihKeys = keyRange('k', 12);
      const samKeys = ['a', ...keyRange('k', 8)];
      await write(store, 'nih:w1', nihKeys.slice(0, 6), minutes(1));
      await write(store, 'nih:w2', nihKeys.slice(6).reverse(), minutes(2));
      await write(store, 'sam_gov:b1', samKeys, minutes(1));
      const all = [...nihKeys.map((k) => `nih/${k}`), ...samKeys.map((k) => `sam_gov/${k}`)];
      expect(await list(store)).toEqual(all);

      for (const limit of [1, 5, 12, 21]) {
        const paged = await pages(store, { limit });
        expect(paged.flat(), `limit ${limit}`).toEqual(all);
        expect(paged.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      }
      // A page ending exactly on a source's last record resumes at the next source's first one.
      expect(
        ids(await store.listRecords({ after: { source: 'nih', key: nihKeys.at(-1)! }, limit: 2 })),
      ).toEqual(['sam_gov/a', 'sam_gov/k000']);
      expect((await pages(store, { source: 'nih', limit: 5 })).flat()).toEqual(
        nihKeys.map((k) => `nih/${k}`),
      );
      expect((await pages(store, { source: 'sam_gov', limit: 4 })).flat()).toEqual(
        samKeys.map((k) => `sam_gov/${k}`),
      );
      // Filters hold on every page.
      expect((await pages(store, { partitionKey: 'nih:w2', limit: 4 })).flat()).toEqual(
        nihKeys.slice(6).map((k) => `nih/${k}`),
      );
      expect((await pages(store, { keys: ['k001', 'k009', 'a'], limit: 2 })).flat()).toEqual([
        'nih/k001',
        'nih/k009',
        'sam_gov/a',
        'sam_gov/k001',
      ]);
      expect((await pages(store, { changedSince: minutes(2), limit: 4 })).flat()).toEqual(
        nihKeys.slice(6).map((k) => `nih/${k}`),
      );
    },
  },
  listPagingWhileWriting: {
    title: 'listRecords resumes after the last record even when records are written between pages',
    async run({ store }) {
      await write(store, 'nih:w1', ['b', 'd', 'f', 'h'], minutes(1));
      const first = await store.listRecords({ source: 'nih', limit: 2 });
      expect(ids(first)).toEqual(['nih/b', 'nih/d']);
      // A key before the cursor (an offset would repeat `d`) and one after it arrive between pages.
      await write(store, 'nih:w1', ['a', 'e'], minutes(2));
      const next = await store.listRecords({ source: 'nih', after: { source: 'nih', key: 'd' }, limit: 2 });
      expect(ids(next)).toEqual(['nih/e', 'nih/f']);
    },
  },
  listLedgerOnly: {
    title: 'listRecords leaves out keys the ledger knows without a payload, and they take no room in a page',
    async run({ store }) {
      await write(store, 'nih:w1', ['b', 'd'], minutes(1));
      await store.markLedger({
        source: 'nih',
        partitionKey: 'nih:w1',
        keys: ['a', 'c'],
        status: 'not_found',
        at: minutes(2),
      });
      await store.markLedger({
        source: 'nih',
        partitionKey: 'nih:w1',
        keys: ['bb', 'd'],
        status: 'failed',
        at: minutes(2),
        error: 'timeout',
      });
      // `d` failed later but keeps its payload: still a record.
      expect(await list(store)).toEqual(['nih/b', 'nih/d']);
      expect(ids(await store.listRecords({ limit: 2 }))).toEqual(['nih/b', 'nih/d']);
      expect(ids(await store.listRecords({ after: { source: 'nih', key: 'b' }, limit: 1 }))).toEqual([
        'nih/d',
      ]);
      expect(await list(store, { keys: ['a', 'bb', 'c'] })).toEqual([]);
      expect(await list(store, { partitionKey: 'nih:w1', changedSince: minutes(2) })).toEqual([]);
      // Its first payload makes a ledger-only key a record.
      await write(store, 'nih:w1', ['c'], minutes(3));
      expect(await list(store, { source: 'nih' })).toEqual(['nih/b', 'nih/c', 'nih/d']);
    },
  },
  listBadQuery: {
    title: 'listRecords refuses a limit outside 1 to 5000, more than 500 keys and an after of another source',
    async run({ store }) {
      await write(store, 'nih:w1', ['a'], minutes(1));
      for (const limit of [0, -1, 5001, 1.5, Number.NaN]) {
        await expectStoreError(store.listRecords({ limit }));
      }
      const keys = Array.from({ length: 501 }, (_, i) => `k${i}`);
      await expectStoreError(store.listRecords({ keys, limit: 10 }));
      await expectStoreError(
        store.listRecords({ source: 'nih', after: { source: 'sam_gov', key: 'a' }, limit: 10 }),
      );
      // The limits themselves are allowed, and so is an `after` with no source to contradict.
      expect(await store.listRecords({ limit: 1 })).toHaveLength(1);
      expect(await store.listRecords({ limit: 5000 })).toHaveLength(1);
      expect(await list(store, { keys: [...keys.slice(2), 'a'] })).toEqual(['nih/a']);
      expect(await list(store, { after: { source: 'fake', key: 'z' } })).toEqual(['nih/a']);
    },
  },
  listInTransaction: {
    title: "listRecords in a transaction sees the transaction's own writes",
    async run({ store }) {
      await write(store, 'nih:w1', ['a'], minutes(1));
      await store.transaction(async (tx) => {
        await write(tx, 'nih:w1', ['b'], minutes(2));
        expect(await list(tx, { source: 'nih' })).toEqual(['nih/a', 'nih/b']);
        expect(await list(tx, { changedSince: minutes(2) })).toEqual(['nih/b']);
      });
      expect(await list(store)).toEqual(['nih/a', 'nih/b']);
    },
  },
});
