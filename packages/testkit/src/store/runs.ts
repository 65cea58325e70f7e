import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { counts, expectStoreError, minutes, run } from './fixtures.js';

/** Runs (refused twice by `runKey`) and their per-partition results. */
export const runChecks = defineChecks({
  createReadPatch: {
    title: 'creates, reads and patches a run',
    async run({ store }) {
      const row = run('r1', {
        runKey: 'nightly:2025-03-01',
        trigger: 'schedule',
        scope: { all: true },
        plan: ['nih:w1'],
      });
      expect(await store.createRun(row)).toBe(true);
      expect(await store.getRun('r1')).toEqual(row);
      await store.updateRun('r1', {
        status: 'succeeded',
        finishedAt: minutes(9),
        metadata: { slaGapsClosed: [{ partition: 'nih:w1' }] },
      });
      expect(await store.getRun('r1')).toEqual({
        ...row,
        status: 'succeeded',
        finishedAt: minutes(9),
        metadata: { slaGapsClosed: [{ partition: 'nih:w1' }] },
      });
      await store.updateRun('r1', { error: { code: 'X', message: 'y' }, finishedAt: null });
      expect(await store.getRun('r1')).toMatchObject({
        error: { code: 'X', message: 'y' },
        finishedAt: null,
      });
      expect(await store.getRun('nope')).toBeNull();
    },
  },
  runKeyRefused: {
    title: 'refuses a second run with the same runKey and inserts nothing',
    async run({ store }) {
      expect(await store.createRun(run('r1', { runKey: 'k' }))).toBe(true);
      expect(await store.createRun(run('r2', { runKey: 'k' }))).toBe(false);
      expect(await store.getRun('r2')).toBeNull();
      expect(await store.createRun(run('r3'))).toBe(true);
      expect(await store.createRun(run('r4'))).toBe(true);
      expect((await store.listRuns()).length).toBe(3);
    },
  },
  duplicateId: {
    title: 'a duplicate run id is an error, not a refusal',
    async run({ store }) {
      await store.createRun(run('r1'));
      await expectStoreError(store.createRun(run('r1', { runKey: 'other' })));
    },
  },
  list: {
    title: 'lists runs newest first, by status, with a limit',
    async run({ store }) {
      await store.createRun(run('r1', { startedAt: minutes(1), status: 'succeeded' }));
      await store.createRun(run('r2', { startedAt: minutes(3), status: 'failed' }));
      await store.createRun(run('r3', { startedAt: minutes(2), status: 'succeeded' }));
      expect((await store.listRuns()).map((r) => r.id)).toEqual(['r2', 'r3', 'r1']);
      expect((await store.listRuns({ limit: 2 })).map((r) => r.id)).toEqual(['r2', 'r3']);
      expect((await store.listRuns({ status: 'succeeded' })).map((r) => r.id)).toEqual(['r3', 'r1']);
    },
  },
  runPartitions: {
    title: 'saves run partitions by (run, partition) and lists them',
    async run({ store }) {
      await store.createRun(run('r1'));
      await store.createRun(run('r2'));
      const p1 = {
        runId: 'r1',
        partitionKey: 'nih:w2',
        status: 'failed' as const,
        counts: counts({ slices: 1 }),
        retries: 2,
        durationMs: 50,
        error: { code: 'TIMEOUT', message: 'slow' },
        slaGapClosed: null,
      };
      await store.saveRunPartition(p1);
      await store.saveRunPartition({ ...p1, partitionKey: 'nih:w1', status: 'skipped', error: null });
      await store.saveRunPartition({
        ...p1,
        status: 'complete',
        error: null,
        slaGapClosed: { since: 'x', stale: 3 },
      });
      await store.saveRunPartition({ ...p1, runId: 'r2' });
      const rows = await store.listRunPartitions('r1');
      expect(rows.map((r) => [r.partitionKey, r.status])).toEqual([
        ['nih:w1', 'skipped'],
        ['nih:w2', 'complete'],
      ]);
      expect(rows[1]).toEqual({
        ...p1,
        status: 'complete',
        error: null,
        slaGapClosed: { since: 'x', stale: 3 },
      });
      expect(await store.listRunPartitions('none')).toEqual([]);
    },
  },
});
