import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { checkpoint, counts, minutes } from './fixtures.js';

/** Checkpoints: saved whole, read back whole, listed by source, status and keys. */
export const checkpointChecks = defineChecks({
  roundTrip: {
    title: 'round-trips every field and returns null for an unknown partition',
    async run({ store }) {
      const cp = checkpoint('nih:project_week_2025-W12', {
        status: 'failed',
        cursor: { offset: 500, after: ['a', 1] },
        attempt: 3,
        counts: counts({ slices: 2, written: 10, unchanged: 4, failed: 1, notFound: 2, apiCalls: 5 }),
        runId: 'run-1',
        updatedAt: minutes(5),
        lastCompleteAt: minutes(-60 * 24),
        durationMs: 12_345,
        error: { code: 'UPSTREAM_UNAVAILABLE', message: '503 after 5 attempts' },
      });
      await store.saveCheckpoint(cp);
      expect(await store.getCheckpoint(cp.partitionKey)).toEqual(cp);
      expect(await store.getCheckpoint('nih:unknown')).toBeNull();
    },
  },
  saveListDelete: {
    title: 'overwrites on save, filters lists, and deletes',
    async run({ store }) {
      await store.saveCheckpoint(checkpoint('nih:a'));
      await store.saveCheckpoint(checkpoint('nih:b', { status: 'complete', completedAt: minutes(3) }));
      await store.saveCheckpoint(checkpoint('sam_gov:a'));
      await store.saveCheckpoint(checkpoint('nih:a', { cursor: 2, attempt: 2 }));

      expect((await store.getCheckpoint('nih:a'))?.cursor).toBe(2);
      expect((await store.listCheckpoints()).map((c) => c.partitionKey)).toEqual([
        'nih:a',
        'nih:b',
        'sam_gov:a',
      ]);
      expect((await store.listCheckpoints({ source: 'nih' })).map((c) => c.partitionKey)).toEqual([
        'nih:a',
        'nih:b',
      ]);
      expect((await store.listCheckpoints({ status: 'complete' })).map((c) => c.partitionKey)).toEqual([
        'nih:b',
      ]);
      expect(
        (await store.listCheckpoints({ partitionKeys: ['sam_gov:a', 'nih:b', 'nih:zzz'] })).map(
          (c) => c.partitionKey,
        ),
      ).toEqual(['nih:b', 'sam_gov:a']);
      expect(await store.listCheckpoints({ partitionKeys: [] })).toEqual([]);

      expect(await store.deleteCheckpoint('nih:a')).toBe(true);
      expect(await store.deleteCheckpoint('nih:a')).toBe(false);
      expect(await store.getCheckpoint('nih:a')).toBeNull();
    },
  },
  partitionFreshness: {
    title: 'lists the freshness fields of one source only',
    async run({ store }) {
      await store.saveCheckpoint(checkpoint('nih:a', { startedAt: minutes(1) }));
      await store.saveCheckpoint(
        checkpoint('nih:b', { status: 'complete', startedAt: minutes(2), lastCompleteAt: minutes(4) }),
      );
      await store.saveCheckpoint(checkpoint('sam_gov:a'));
      const rows = await store.listPartitionFreshness('nih');
      expect(rows.sort((x, y) => x.partitionKey.localeCompare(y.partitionKey))).toEqual([
        { partitionKey: 'nih:a', status: 'running', startedAt: minutes(1), lastCompleteAt: null },
        { partitionKey: 'nih:b', status: 'complete', startedAt: minutes(2), lastCompleteAt: minutes(4) },
      ]);
    },
  },
  checkpointSummaries: {
    title: 'lists checkpoint summaries of one source only: freshness, attempt, cursor, counts, update time',
    async run({ store }) {
      await store.saveCheckpoint(
        checkpoint('nih:a', {
          status: 'failed',
          startedAt: minutes(1),
          updatedAt: minutes(3),
          cursor: { offset: 500, after: ['a', 1] },
          attempt: 2,
          counts: counts({ slices: 2, written: 10, apiCalls: 7 }),
          runId: 'run-1',
          durationMs: 99,
          error: { code: 'UPSTREAM_UNAVAILABLE', message: '503' },
        }),
      );
      await store.saveCheckpoint(
        checkpoint('nih:b', {
          status: 'complete',
          startedAt: minutes(2),
          updatedAt: minutes(4),
          completedAt: minutes(4),
          lastCompleteAt: minutes(4),
        }),
      );
      await store.saveCheckpoint(checkpoint('sam_gov:a'));
      const rows = await store.listCheckpointSummaries('nih');
      expect(rows.sort((x, y) => x.partitionKey.localeCompare(y.partitionKey))).toEqual([
        {
          partitionKey: 'nih:a',
          status: 'failed',
          startedAt: minutes(1),
          lastCompleteAt: null,
          attempt: 2,
          cursor: { offset: 500, after: ['a', 1] },
          counts: counts({ slices: 2, written: 10, apiCalls: 7 }),
          updatedAt: minutes(3),
        },
        {
          partitionKey: 'nih:b',
          status: 'complete',
          startedAt: minutes(2),
          lastCompleteAt: minutes(4),
          attempt: 1,
          cursor: null,
          counts: counts(),
          updatedAt: minutes(4),
        },
      ]);
      expect(await store.listCheckpointSummaries('patentsview')).toEqual([]);
    },
  },
});
