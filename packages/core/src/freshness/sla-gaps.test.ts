import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyCounts } from '../engine/types.js';
import { openSqliteStore } from '../sqlite.js';
import type { Checkpoint, Store } from '../store/types.js';
import { listSlaGaps } from './sla-gaps.js';

const DAY = 86_400_000;
const now = new Date('2025-06-30T00:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
let store: Store;

function checkpoint(partitionKey: string, lastCompleteAt: Date | null, startedAt = daysAgo(40)): Checkpoint {
  const [source, cohort] = partitionKey.split(':') as [string, string];
  return {
    partitionKey,
    source,
    cohort,
    status: lastCompleteAt ? 'complete' : 'failed',
    cursor: null,
    attempt: 1,
    counts: emptyCounts(),
    runId: 'r',
    startedAt,
    updatedAt: startedAt,
    completedAt: lastCompleteAt,
    lastCompleteAt,
    durationMs: 1,
    error: null,
  };
}

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
});
afterEach(async () => store.close());

describe('listSlaGaps', () => {
  it('lists breached partitions most overdue first, with their stale records, and leaves fresh ones out', async () => {
    await store.saveCheckpoint(checkpoint('nih:project_week_2025-W01', daysAgo(20)));
    await store.saveCheckpoint(checkpoint('nih:project_week_2025-W02', daysAgo(9)));
    await store.saveCheckpoint(checkpoint('nih:project_week_2025-W03', daysAgo(2)));
    await store.saveCheckpoint(checkpoint('nih:project_week_2025-W04', null, daysAgo(3)));
    await store.upsertRecords({
      source: 'nih',
      partitionKey: 'nih:project_week_2025-W01',
      records: [1, 2, 3].map((n) => ({ key: `a${n}`, json: String(n), hash: `h${n}` })),
      at: daysAgo(20),
    });
    await store.upsertRecords({
      source: 'nih',
      partitionKey: 'nih:project_week_2025-W03',
      records: [{ key: 'fresh', json: '1', hash: 'h' }],
      at: daysAgo(2),
    });

    const gaps = await listSlaGaps({
      store,
      sources: [{ id: 'nih', slaMs: 7 * DAY }],
      now,
      knownPartitions: new Map([['nih', ['nih:project_week_2025-W05', 'nih:project_week_2025-W01']]]),
    });
    expect(gaps.map((g) => [g.partitionKey, g.reason])).toEqual([
      ['nih:project_week_2025-W01', 'expired'],
      ['nih:project_week_2025-W04', 'never_completed'],
      ['nih:project_week_2025-W02', 'expired'],
      ['nih:project_week_2025-W05', 'never_run'],
    ]);
    expect(gaps[0]).toMatchObject({
      breachedSince: daysAgo(13),
      staleRecords: 3,
      lastCompleteAt: daysAgo(20),
    });
    expect(gaps[1]?.breachedSince).toEqual(daysAgo(3));
    expect(gaps[2]?.breachedSince).toEqual(daysAgo(2));
    expect(gaps[3]?.breachedSince).toBeNull();
  });

  it('measures each source against its own SLA', async () => {
    await store.saveCheckpoint(checkpoint('usaspending:award_year_2024', daysAgo(2)));
    await store.saveCheckpoint(checkpoint('patentsview:grant_month_2025-01', daysAgo(2)));
    const gaps = await listSlaGaps({
      store,
      sources: [
        { id: 'usaspending', slaMs: DAY },
        { id: 'patentsview', slaMs: 30 * DAY },
      ],
      now,
    });
    expect(gaps.map((g) => g.partitionKey)).toEqual(['usaspending:award_year_2024']);
  });

  it('uses freshness the caller read already instead of reading it again, with the same answer', async () => {
    await store.saveCheckpoint(checkpoint('nih:project_week_2025-W01', daysAgo(20)));
    await store.saveCheckpoint(checkpoint('nih:project_week_2025-W02', null, daysAgo(3)));
    await store.saveCheckpoint(checkpoint('sam_gov:uei_batch_0001', daysAgo(9)));
    const query = {
      sources: [
        { id: 'nih', slaMs: 7 * DAY },
        { id: 'sam_gov', slaMs: 7 * DAY },
      ],
      now,
      knownPartitions: new Map([['nih', ['nih:project_week_2025-W03']]]),
    };
    const expected = await listSlaGaps({ store, ...query });
    const read: string[] = [];
    const counting: Store = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'listPartitionFreshness') {
          return (source: string) => {
            read.push(source);
            return target.listPartitionFreshness(source);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const gaps = await listSlaGaps({
      store: counting,
      ...query,
      freshness: new Map([['nih', await store.listCheckpointSummaries('nih')]]),
    });
    expect(gaps).toEqual(expected);
    expect(read).toEqual(['sam_gov']);
  });

  it('breaks ties by partition key in code-unit order, whatever the locale', async () => {
    // Locale order puts 'a' before 'B'; code-unit order (the store's binary order) does not.
    await store.saveCheckpoint(checkpoint('nih:week_a', daysAgo(20)));
    await store.saveCheckpoint(checkpoint('nih:week_B', daysAgo(20)));
    const gaps = await listSlaGaps({
      store,
      sources: [{ id: 'nih', slaMs: 7 * DAY }],
      now,
      knownPartitions: new Map([['nih', ['nih:never_b', 'nih:never_A']]]),
    });
    expect(gaps.map((g) => g.partitionKey)).toEqual([
      'nih:week_B',
      'nih:week_a',
      'nih:never_A',
      'nih:never_b',
    ]);
  });
});
