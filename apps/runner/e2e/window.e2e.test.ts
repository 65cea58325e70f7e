import { describe, expect } from 'vitest';
import type { RunSummary } from '../src/runs/types.js';
import { nihProjectTest } from './harness/fixtures.js';
import { countPages, expectStoreMatchesTruth, partitionKey, truthIds, weekOf } from './harness/nih.js';

// The source lists five weeks; the window names the middle three.
const it = nihProjectTest({ range: '2025-W09..2025-W13' });

describe('freshet (built binary): a manual window run', () => {
  it('run --source nih --window 2025-W10..2025-W12 runs exactly those partitions, each page once', async ({
    project,
    nih,
  }) => {
    const inWindow = ['2025-W10', '2025-W11', '2025-W12'];
    const result = await project.freshet([
      'run',
      '--source',
      'nih',
      '--window',
      '2025-W10..2025-W12',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const summary = result.json<RunSummary>();
    expect(summary.status).toBe('succeeded');
    expect(summary.plan?.scope).toEqual({
      sources: ['nih'],
      partitions: [],
      window: '2025-W10..2025-W12',
      force: false,
    });
    expect(summary.partitions.map((p) => p.partitionKey).sort()).toEqual(inWindow.map(partitionKey));
    expect(summary.partitions.every((p) => p.status === 'complete')).toBe(true);

    // Checkpoints: complete for the window's weeks, none for the weeks either side.
    const store = await project.store();
    const checkpoints = await store.listCheckpoints();
    expect(checkpoints.map((c) => c.partitionKey).sort()).toEqual(inWindow.map(partitionKey));
    expect(checkpoints.every((c) => c.status === 'complete' && c.runId === summary.runId)).toBe(true);

    // The simulator was asked for the window's weeks only, each page once, and the calls match the run's count.
    const requests = nih.proxy.requests;
    expect([...new Set(requests.map((r) => weekOf(nih, r)))].sort()).toEqual(inWindow);
    expect([...countPages(nih, requests).values()].every((n) => n === 1)).toBe(true);
    expect(nih.sim.stats().requests).toBe(requests.length);
    expect(summary.totals.apiCalls).toBe(requests.length);
    for (const isoWeek of inWindow) {
      const checkpoint = checkpoints.find((c) => c.partitionKey === partitionKey(isoWeek))!;
      const pages = requests.filter((r) => weekOf(nih, r) === isoWeek).length;
      expect(checkpoint.counts).toMatchObject({
        apiCalls: pages,
        slices: pages,
        written: truthIds(nih, isoWeek).length,
      });
    }
    await expectStoreMatchesTruth(store, nih, inWindow);
  });
});
