import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { batchCohorts } from '../partitions/index.js';
import { defineSource } from '../source.js';
import { openSqliteStore } from '../sqlite.js';
import type { RecordChange, Store } from '../store/types.js';
import { engineSources } from '../test-support/engine-harness.js';
import { fakeQuota } from '../test-support/fake-source.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { executePartitions } from './executor.js';
import type { PartitionWork } from './types.js';

type Item = { id: string } & Record<string, unknown>;

const dir = tempDirPerTest('freshet-change-feed-');
const DAY_MS = 86_400_000;
let store: Store;
/** What the upstream API holds now, and the keys it answers "not found" for. */
let upstream: Item[];
let gone: string[];

beforeEach(async () => {
  store = await openSqliteStore({ path: join(dir(), 'freshet.sqlite') });
  upstream = [];
  gone = [];
});
afterEach(async () => {
  await store.close();
});

const cohort = batchCohorts({ prefix: 'batch' });
// Two records per slice, so a run's changes span several commits.
const source = defineSource({
  id: 'mem',
  cohort,
  quota: fakeQuota,
  sla: '1d',
  options: {},
  async listPartitions() {
    return [cohort.fromOrdinal(1)];
  },
  async fetchSlice({ cursor }: { cursor: { at: number } | null }) {
    const at = cursor?.at ?? 0;
    const done = at + 2 >= upstream.length;
    return {
      records: upstream.slice(at, at + 2),
      cursor: { at: at + 2 },
      done,
      ...(done ? { notFound: gone } : {}),
    };
  },
  recordKey: (item: Item) => item.id,
});
const work: PartitionWork[] = [
  { partition: { key: 'mem:batch_0001', source: 'mem', cohort: cohort.fromOrdinal(1) }, refresh: true },
];

const clockAt = (offsetMs: number): Clock => ({
  now: () => new Date(Date.now() + offsetMs),
  sleep: systemClock.sleep,
});

function run(runId: string, options: { offsetMs?: number; keepRevisions?: number; keepDays?: number } = {}) {
  const clock = clockAt(options.offsetMs ?? 0);
  return executePartitions({
    store,
    sources: engineSources(store, [source], clock),
    work,
    runId,
    clock,
    history: { keepRevisions: options.keepRevisions ?? 5, keepDays: options.keepDays ?? 30 },
  });
}

async function changesOf(
  runId: string,
): Promise<Array<Pick<RecordChange, 'kind' | 'key' | 'revision' | 'changedFields'>>> {
  const page = await store.listChanges({ runId, limit: 100 });
  return page
    .map(({ kind, key, revision, changedFields }) => ({ kind, key, revision, changedFields }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe('the change feed of a run', () => {
  it('lists created, changed (with the fields) and gone records; not unchanged ones', async () => {
    upstream = [
      { id: 'a', name: 'Alpha', amount: 1 },
      { id: 'b', name: 'Beta', amount: 2 },
      { id: 'c', name: 'Gamma', amount: 3 },
      { id: 'd', name: 'Delta', amount: 4 },
    ];
    await run('r1');
    expect((await changesOf('r1')).map((c) => [c.kind, c.key, c.revision])).toEqual([
      ['created', 'a', 1],
      ['created', 'b', 1],
      ['created', 'c', 1],
      ['created', 'd', 1],
    ]);

    upstream = [
      { id: 'a', name: 'Alpha', amount: 10 },
      { id: 'b', amount: 2, tags: ['x'] },
      { id: 'c', name: 'Gamma', amount: 3 },
      { id: 'e', name: 'Epsilon', amount: 5 },
    ];
    // d is gone upstream; `never` was never stored, so its absence is no change.
    gone = ['d', 'never'];
    const [result] = await run('r2');
    expect(result?.counts).toMatchObject({ written: 3, unchanged: 1, notFound: 2 });
    expect(await changesOf('r2')).toEqual([
      {
        kind: 'changed',
        key: 'a',
        revision: 2,
        changedFields: { added: [], removed: [], modified: ['amount'] },
      },
      {
        kind: 'changed',
        key: 'b',
        revision: 2,
        changedFields: { added: ['tags'], removed: ['name'], modified: [] },
      },
      { kind: 'gone', key: 'd', revision: 1, changedFields: null },
      { kind: 'created', key: 'e', revision: 1, changedFields: null },
    ]);

    // Still gone the next night: already reported, so not a change again.
    upstream = upstream.slice(0, 3);
    gone = ['d'];
    await run('r3');
    expect(await changesOf('r3')).toEqual([]);
    // Every change is in the feed by time too, in commit order.
    const all = await store.listChanges({ since: new Date(0), limit: 100 });
    expect(all.map((c) => c.runId)).toEqual([...Array(4).fill('r1'), ...Array(4).fill('r2')]);
    expect(all.map((c) => c.id)).toEqual([...all.map((c) => c.id)].sort((x, y) => x - y));
  });

  it('keeps the replaced payloads, as many as keepRevisions, newest first', async () => {
    upstream = [{ id: 'a', amount: 0 }];
    await run('r0', { keepRevisions: 2 });
    for (let n = 1; n <= 4; n++) {
      upstream = [{ id: 'a', amount: n }];
      await run(`r${n}`, { keepRevisions: 2 });
    }
    expect((await store.getRecord('mem', 'a'))?.revision).toBe(5);
    const revisions = await store.listRevisions('mem', 'a');
    expect(revisions.map((r) => [r.revision, r.payload, r.replacedByRun])).toEqual([
      [4, { id: 'a', amount: 3 }, 'r4'],
      [3, { id: 'a', amount: 2 }, 'r3'],
    ]);
    expect(revisions[0]!.replacedAt.getTime()).toBeGreaterThanOrEqual(revisions[0]!.storedAt.getTime());
  });

  it('prunes revisions and changes older than keepDays after a run, and keeps newer ones', async () => {
    upstream = [
      { id: 'a', amount: 0 },
      { id: 'b', amount: 0 },
    ];
    await run('r1');
    upstream = [
      { id: 'a', amount: 1 },
      { id: 'b', amount: 0 },
    ];
    await run('r2');
    expect(await store.listRevisions('mem', 'a')).toHaveLength(1);

    // Ten days on, b changes; a 7-day retention drops what r1 and r2 left, not r3's own.
    upstream = [
      { id: 'a', amount: 1 },
      { id: 'b', amount: 1 },
    ];
    await run('r3', { offsetMs: 10 * DAY_MS, keepDays: 7 });
    expect(await store.listRevisions('mem', 'a')).toEqual([]);
    expect((await store.listRevisions('mem', 'b')).map((r) => r.revision)).toEqual([1]);
    const left = await store.listChanges({ since: new Date(0), limit: 100 });
    expect(left.map((c) => [c.runId, c.kind, c.key])).toEqual([['r3', 'changed', 'b']]);
  });
});
