import type { ChangePageQuery, RecordChange, Store } from '@freshet/core';
import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { expectStoreError, minutes, rec } from './fixtures.js';

/** Writes `payloads` (key → payload) as one slice of `partitionKey`, each hash derived from its payload. */
function write(
  store: Store,
  partitionKey: string,
  payloads: Record<string, Record<string, unknown>>,
  at: Date,
  options: { runId?: string; keepRevisions?: number } = {},
) {
  return store.upsertRecords({
    source: partitionKey.split(':')[0]!,
    partitionKey,
    records: Object.entries(payloads).map(([key, payload]) =>
      rec(key, JSON.stringify(payload), { key, ...payload }),
    ),
    at,
    ...options,
  });
}

const brief = (changes: RecordChange[]) =>
  changes.map((c) => `${c.runId ?? '-'} ${c.kind} ${c.source}/${c.key}@${c.revision}`);

async function list(store: Store, query: Omit<ChangePageQuery, 'limit'>): Promise<string[]> {
  return brief(await store.listChanges({ ...query, limit: 5000 }));
}

/**
 * Record history and the change feed: `upsertRecords` and `markLedger` keep the replaced
 * revision and list what they did per run; `listChanges` pages through it; `pruneHistory` ages it out.
 */
export const changeChecks = defineChecks({
  feedOfWrites: {
    title: 'upsertRecords lists created and changed records (with the top-level fields), not unchanged ones',
    async run({ store }) {
      await write(store, 'nih:w1', { a: { n: 1, x: 'k' }, b: { n: 1 } }, minutes(1), { runId: 'r1' });
      await write(store, 'nih:w1', { a: { n: 2, y: true }, b: { n: 1 }, c: { n: 1 } }, minutes(2), {
        runId: 'r2',
      });
      expect(await list(store, { runId: 'r1' })).toEqual(['r1 created nih/a@1', 'r1 created nih/b@1']);
      const r2 = await store.listChanges({ runId: 'r2', limit: 10 });
      expect(brief(r2).sort()).toEqual(['r2 changed nih/a@2', 'r2 created nih/c@1']);
      const changed = r2.find((c) => c.kind === 'changed')!;
      expect(changed).toMatchObject({ partitionKey: 'nih:w1', at: minutes(2) });
      expect(changed.changedFields).toEqual({ added: ['y'], removed: ['x'], modified: ['n'] });
      expect(r2.find((c) => c.kind === 'created')!.changedFields).toBeNull();
    },
  },
  goneOnce: {
    title: 'markLedger not_found lists a stored record as gone once, and never a key that was never stored',
    async run({ store }) {
      await write(store, 'nih:w1', { a: { n: 1 } }, minutes(1), { runId: 'r1' });
      const mark = (runId: string, at: Date) =>
        store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w1',
          keys: ['a', 'never'],
          status: 'not_found',
          at,
          runId,
        });
      await mark('r2', minutes(2));
      await mark('r3', minutes(3));
      await store.markLedger({
        source: 'nih',
        partitionKey: 'nih:w1',
        keys: ['a'],
        status: 'failed',
        at: minutes(4),
        runId: 'r4',
      });
      expect(await list(store, { since: minutes(0) })).toEqual(['r1 created nih/a@1', 'r2 gone nih/a@1']);
    },
  },
  revisions: {
    title: 'a changed record keeps its replaced payloads, newest first, at most keepRevisions of them',
    async run({ store }) {
      for (let n = 1; n <= 4; n++) {
        await write(store, 'nih:w1', { a: { n } }, minutes(n), { runId: `r${n}`, keepRevisions: 2 });
      }
      await write(store, 'nih:w1', { a: { n: 4 } }, minutes(5), { keepRevisions: 2 });
      const revisions = await store.listRevisions('nih', 'a');
      expect(revisions.map((r) => [r.revision, r.payload, r.replacedByRun])).toEqual([
        [3, { key: 'a', n: 3 }, 'r4'],
        [2, { key: 'a', n: 2 }, 'r3'],
      ]);
      expect(revisions[0]).toMatchObject({
        source: 'nih',
        key: 'a',
        storedAt: minutes(3),
        replacedAt: minutes(4),
      });
      expect(await store.listRevisions('nih', 'missing')).toEqual([]);
    },
  },
  filtersAndPages: {
    title: 'listChanges filters by run, time, source and partition, and pages after the last id',
    async run({ store }) {
      await write(store, 'nih:w1', { a: { n: 1 }, b: { n: 1 } }, minutes(1), { runId: 'r1' });
      await write(store, 'sam_gov:b1', { a: { n: 1 } }, minutes(2), { runId: 'r1' });
      await write(store, 'nih:w2', { c: { n: 1 } }, minutes(3), { runId: 'r2' });
      await write(store, 'nih:w1', { z: { n: 1 } }, minutes(4));
      expect(await list(store, { runId: 'r1', source: 'nih' })).toEqual([
        'r1 created nih/a@1',
        'r1 created nih/b@1',
      ]);
      expect(await list(store, { partitionKey: 'nih:w2' })).toEqual(['r2 created nih/c@1']);
      expect(await list(store, { since: minutes(2) })).toEqual([
        'r1 created sam_gov/a@1',
        'r2 created nih/c@1',
        '- created nih/z@1',
      ]);
      expect(await list(store, { runId: 'none' })).toEqual([]);

      const seen: string[] = [];
      let afterId: number | undefined;
      for (;;) {
        const page = await store.listChanges({
          since: minutes(0),
          limit: 2,
          ...(afterId === undefined ? {} : { afterId }),
        });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...brief(page));
        afterId = page.at(-1)!.id;
      }
      expect(seen).toEqual(await list(store, { since: minutes(0) }));
      expect(seen).toHaveLength(5);
      await expectStoreError(store.listChanges({ limit: 0 }));
      await expectStoreError(store.listChanges({ limit: 10, afterId: -1 }));
    },
  },
  rolledBack: {
    title: 'changes and revisions of a transaction that fails are rolled back with its records',
    async run({ store }) {
      await write(store, 'nih:w1', { a: { n: 1 } }, minutes(1), { runId: 'r1' });
      await store
        .transaction(async (tx) => {
          await write(tx, 'nih:w1', { a: { n: 2 }, b: { n: 1 } }, minutes(2), { runId: 'r2' });
          throw new Error('crash inside the slice');
        })
        .catch(() => {});
      expect(await list(store, { runId: 'r2' })).toEqual([]);
      expect(await store.listRevisions('nih', 'a')).toEqual([]);
    },
  },
  prune: {
    title: 'pruneHistory deletes revisions replaced and changes made before a time, and keeps the rest',
    async run({ store }) {
      await write(store, 'nih:w1', { a: { n: 1 }, b: { n: 1 } }, minutes(1), { runId: 'r1' });
      await write(store, 'nih:w1', { a: { n: 2 } }, minutes(2), { runId: 'r2' });
      await write(store, 'nih:w1', { b: { n: 2 } }, minutes(5), { runId: 'r3' });
      expect(await store.pruneHistory(minutes(3))).toEqual({ revisions: 1, changes: 3 });
      expect(await store.listRevisions('nih', 'a')).toEqual([]);
      expect((await store.listRevisions('nih', 'b')).map((r) => r.revision)).toEqual([1]);
      expect(await list(store, { since: minutes(0) })).toEqual(['r3 changed nih/b@2']);
      expect(await store.pruneHistory(minutes(3))).toEqual({ revisions: 0, changes: 0 });
    },
  },
});
