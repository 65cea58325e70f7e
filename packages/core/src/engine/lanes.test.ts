import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchCohorts } from '../partitions/index.js';
import { defineSource } from '../source.js';
import { openSqliteStore } from '../sqlite.js';
import type { Store } from '../store/types.js';
import { engineSources } from '../test-support/engine-harness.js';
import { fakeQuota } from '../test-support/fake-source.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { executePartitions } from './executor.js';
import { defaultPartitionSlots } from './lanes.js';
import type { ExecutorEvent, PartitionWork } from './types.js';

const dir = tempDirPerTest('freshet-lanes-');
let store: Store;

beforeEach(async () => {
  store = await openSqliteStore({ path: join(dir(), 'freshet.sqlite') });
});

afterEach(async () => {
  await store.close();
});

/** A one-slice source that waits on `gate` before answering, so a test decides when it ends. */
function gatedSource(id: string, maxConcurrent: number, gate: () => Promise<void>) {
  const cohort = batchCohorts({ prefix: 'batch' });
  return defineSource({
    id,
    cohort,
    quota: { ...fakeQuota, maxConcurrent },
    sla: '1d',
    options: {},
    async listPartitions() {
      return [];
    },
    async fetchSlice({ partition }) {
      await gate();
      return { records: [{ id: partition.key }], cursor: null, done: true };
    },
    recordKey: (record: { id: string }) => record.id,
  });
}

function workOf(source: string, count: number): PartitionWork[] {
  const cohort = batchCohorts({ prefix: 'batch' });
  return Array.from({ length: count }, (_, i) => {
    const c = cohort.fromOrdinal(i + 1);
    return { partition: { key: `${source}:${c.key}`, source, cohort: c } };
  });
}

/** Partitions in flight per source, at most, as the executor's events show them. */
function inFlightTracker() {
  const now = new Map<string, number>();
  const most = new Map<string, number>();
  let total = 0;
  let mostTotal = 0;
  const order: string[] = [];
  const onEvent = (event: ExecutorEvent) => {
    if (event.type === 'partition-start') {
      const source = event.partitionKey.split(':')[0]!;
      now.set(source, (now.get(source) ?? 0) + 1);
      most.set(source, Math.max(most.get(source) ?? 0, now.get(source)!));
      mostTotal = Math.max(mostTotal, ++total);
      order.push(`start ${event.partitionKey}`);
    } else if (event.type === 'partition-end') {
      if (event.result.outcome !== 'complete') return;
      now.set(event.result.source, now.get(event.result.source)! - 1);
      total--;
      order.push(`end ${event.result.partitionKey}`);
    }
  };
  return { onEvent, most, order, mostTotal: () => mostTotal };
}

describe('executePartitions: a lane per source', () => {
  it('sizes a lane from the quota: one partition per concurrent request, and one more', () => {
    expect(defaultPartitionSlots({ maxConcurrent: 1 })).toBe(2);
    expect(defaultPartitionSlots({ maxConcurrent: 4 })).toBe(5);
  });

  it('lets a fast source run while a slow source holds every slot of its own lane', async () => {
    // The slow source's partitions finish only once every fast one has: with one shared pool
    // the slow partitions (first in the plan) would hold every slot and the run could not end.
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    let fastLeft = 4;
    const slow = gatedSource('slow', 1, () => slowGate);
    const fast = gatedSource('fast', 3, async () => {
      if (--fastLeft === 0) setImmediate(releaseSlow);
    });
    const tracker = inFlightTracker();
    const results = await executePartitions({
      store,
      sources: engineSources(store, [slow, fast]),
      work: [...workOf('slow', 6), ...workOf('fast', 4)],
      runId: 'r1',
      onEvent: tracker.onEvent,
    });

    expect(results.map((r) => r.outcome)).toEqual(Array(10).fill('complete'));
    expect(tracker.most.get('slow')).toBe(2);
    expect(tracker.most.get('fast')).toBe(4);
    const firstSlowEnd = tracker.order.findIndex((e) => e.startsWith('end slow:'));
    const lastFastEnd = tracker.order.findLastIndex((e) => e.startsWith('end fast:'));
    expect(lastFastEnd).toBeLessThan(firstSlowEnd);
  });

  it('keeps a configured lane size and a run-wide cap, starting partitions in plan order under the cap', async () => {
    const open = async () => {};
    const a = gatedSource('a', 4, open);
    const b = gatedSource('b', 4, open);
    const sources = engineSources(store, [a, b]);
    sources.set('a', { ...sources.get('a')!, partitionSlots: 1 });
    const tracker = inFlightTracker();
    const work = [workOf('b', 2)[0]!, ...workOf('a', 3), ...workOf('b', 3).slice(1)];
    await executePartitions({
      store,
      sources,
      work,
      runId: 'r1',
      maxParallelPartitions: 2,
      onEvent: tracker.onEvent,
    });

    expect(tracker.most.get('a')).toBe(1);
    expect(tracker.mostTotal()).toBe(2);
    const starts = tracker.order.filter((e) => e.startsWith('start ')).map((e) => e.slice(6));
    expect(starts.slice(0, 2)).toEqual(['b:batch_0001', 'a:batch_0001']);
    expect(new Set(starts)).toEqual(new Set(work.map((w) => w.partition.key)));
  });
});
