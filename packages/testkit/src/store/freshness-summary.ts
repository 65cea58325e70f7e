import { type Checkpoint, listSlaGaps, type Store } from '@freshet/core';
import { expect } from 'vitest';
import { defineChecks } from './check.js';

const DAY = 86_400_000;
const now = new Date('2025-06-30T00:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
const SLA = 7 * DAY;

function checkpoint(
  partitionKey: string,
  status: Checkpoint['status'],
  lastCompleteAt: Date | null,
  startedAt = daysAgo(40),
): Checkpoint {
  const [source = '', cohort = ''] = partitionKey.split(':');
  return {
    partitionKey,
    source,
    cohort,
    status,
    cursor: null,
    attempt: 1,
    counts: { slices: 0, written: 0, unchanged: 0, failed: 0, notFound: 0, apiCalls: 0 },
    runId: null,
    startedAt,
    updatedAt: startedAt,
    completedAt: status === 'complete' ? lastCompleteAt : null,
    lastCompleteAt,
    durationMs: 0,
    error: null,
  };
}

async function records(store: Store, partitionKey: string, keys: string[], at: Date): Promise<void> {
  await store.upsertRecords({
    source: partitionKey.split(':')[0] ?? '',
    partitionKey,
    records: keys.map((key) => ({ key, json: '{}', hash: key })),
    at,
  });
}

/**
 * `freshnessSummary`: the same answer as `listSlaGaps` gives from the checkpoints and the
 * ledger, summed up by the store. Gaps that breached at the same moment are in binary key order.
 */
export const freshnessSummaryChecks = defineChecks({
  matchesSlaGaps: {
    title:
      'counts the listed partitions and their SLA gaps, and returns the most overdue as listSlaGaps orders them',
    async run({ store }) {
      await store.saveCheckpoint(checkpoint('nih:w01', 'complete', daysAgo(20)));
      await store.saveCheckpoint(checkpoint('nih:w02', 'complete', daysAgo(9)));
      // Two breached at the same moment: binary key order ('B' before 'a').
      await store.saveCheckpoint(checkpoint('nih:w_a', 'complete', daysAgo(12)));
      await store.saveCheckpoint(checkpoint('nih:w_B', 'complete', daysAgo(12)));
      await store.saveCheckpoint(checkpoint('nih:w03', 'complete', daysAgo(2)));
      // Ran but never completed: breached since its first start, running or failed.
      await store.saveCheckpoint(checkpoint('nih:w04', 'running', null, daysAgo(3)));
      await store.saveCheckpoint(checkpoint('nih:w05', 'failed', null, daysAgo(30)));
      // Failed again after an earlier completion that is still fresh: no gap.
      await store.saveCheckpoint(checkpoint('nih:w06', 'failed', daysAgo(1)));
      // Not listed any more: left out of every count.
      await store.saveCheckpoint(checkpoint('nih:old', 'complete', daysAgo(90)));
      await store.saveCheckpoint(checkpoint('nih:old2', 'running', null, daysAgo(90)));
      // Another source's checkpoint.
      await store.saveCheckpoint(checkpoint('sam_gov:b1', 'complete', daysAgo(50)));
      await records(store, 'nih:w01', ['a1', 'a2', 'a3'], daysAgo(20));
      await records(store, 'nih:w05', ['b1'], daysAgo(30));
      await records(store, 'nih:w03', ['c1'], daysAgo(2));
      // A listed partition that never ran, with records from before (a reset checkpoint).
      await records(store, 'nih:w09', ['d1', 'd2'], daysAgo(15));

      const listed = [
        'nih:w01',
        'nih:w02',
        'nih:w_a',
        'nih:w_B',
        'nih:w03',
        'nih:w04',
        'nih:w05',
        'nih:w06',
        'nih:w09',
        'nih:w08',
        'nih:w01', // listed twice, counted once
      ];
      const expected = await listSlaGaps({
        store,
        sources: [{ id: 'nih', slaMs: SLA }],
        now,
        knownPartitions: new Map([['nih', listed]]),
      });
      const inList = expected.filter((g) => listed.includes(g.partitionKey));
      expect(inList.map((g) => g.partitionKey)).toEqual([
        'nih:w05',
        'nih:w01',
        'nih:w_B',
        'nih:w_a',
        'nih:w04',
        'nih:w02',
        'nih:w08',
        'nih:w09',
      ]);

      const summary = await store.freshnessSummary({
        source: 'nih',
        partitionKeys: listed,
        slaMs: SLA,
        now,
        mostOverdue: 5,
      });
      expect(summary).toEqual({
        source: 'nih',
        partitions: { total: 10, complete: 5, running: 1, failed: 2, neverRun: 2 },
        slaGaps: 8,
        mostOverdue: inList.slice(0, 5),
      });
      expect(summary.mostOverdue[1]).toMatchObject({ reason: 'expired', staleRecords: 3 });

      // Asked for more than there are: every gap, never-run ones last with their stale records.
      const all = await store.freshnessSummary({
        source: 'nih',
        partitionKeys: listed,
        slaMs: SLA,
        now,
        mostOverdue: 100,
      });
      expect(all.mostOverdue).toEqual(inList);
      expect(all.mostOverdue.at(-1)).toMatchObject({ partitionKey: 'nih:w09', staleRecords: 2 });
    },
  },
  manyPartitions: {
    title: 'takes more listed partitions than one statement can bind, and answers an empty list',
    timeoutMs: 60_000,
    async run({ store }) {
      await store.saveCheckpoint(checkpoint('nih:k00001', 'complete', daysAgo(1)));
      const listed = Array.from({ length: 40_000 }, (_, i) => `nih:k${String(i + 1).padStart(5, '0')}`);
      const summary = await store.freshnessSummary({
        source: 'nih',
        partitionKeys: listed,
        slaMs: SLA,
        now,
        mostOverdue: 2,
      });
      expect(summary.partitions).toEqual({
        total: 40_000,
        complete: 1,
        running: 0,
        failed: 0,
        neverRun: 39_999,
      });
      expect(summary.slaGaps).toBe(39_999);
      expect(summary.mostOverdue.map((g) => [g.partitionKey, g.reason])).toEqual([
        ['nih:k00002', 'never_run'],
        ['nih:k00003', 'never_run'],
      ]);

      expect(
        await store.freshnessSummary({
          source: 'nih',
          partitionKeys: [],
          slaMs: SLA,
          now,
          mostOverdue: 10,
        }),
      ).toEqual({
        source: 'nih',
        partitions: { total: 0, complete: 0, running: 0, failed: 0, neverRun: 0 },
        slaGaps: 0,
        mostOverdue: [],
      });
    },
  },
});
