import { describe, expect } from 'vitest';
import type { RunSummary } from '../src/runs/types.js';
import type { FreshetResult } from './harness/binary.js';
import { nihProjectTest } from './harness/fixtures.js';
import { countPages, expectStoreMatchesTruth, partitionKey } from './harness/nih.js';

const it = nihProjectTest({ range: '2025-W09..2025-W12' });

describe('freshet (built binary): two runs at once', () => {
  it('lets one work on the partition; the other is refused with exit 3, and no record is written twice', async ({
    project,
    nih,
  }) => {
    const W10 = partitionKey('2025-W10');
    // Hold every answer, so whichever run gets going cannot finish before the other has started.
    nih.proxy.holdAnswers(() => true);
    const runs = [0, 1].map(() => project.spawn(['run', '--partition', W10, '--json']));
    const loser = await Promise.race(runs.map((r) => r.done));
    nih.proxy.release();
    const results = await Promise.all(runs.map((r) => r.done));
    const winner = results.find((r) => r !== loser) as FreshetResult;

    expect(loser.code, loser.stderr).toBe(3);
    expect(winner.code, winner.stderr).toBe(0);
    const won = winner.json<RunSummary>();
    expect(won).toMatchObject({ status: 'succeeded', totals: { complete: 1 } });
    expect(loser.json<RunSummary>()).toMatchObject({
      status: 'refused',
      refusal: {
        code: 'RUN_IN_PROGRESS',
        message: expect.stringContaining(`run ${won.runId} is still going`),
      },
      partitions: [],
    });

    // One pass over the partition's pages; each record written once.
    expect([...countPages(nih, nih.proxy.requests).values()].every((n) => n === 1)).toBe(true);
    expect(nih.sim.stats().requests).toBe(won.totals.apiCalls);
    const store = await project.store();
    await expectStoreMatchesTruth(store, nih, ['2025-W10']);
    expect((await store.getCheckpoint(W10))?.attempt).toBe(1);
    expect((await store.listRuns()).map((r) => r.status).sort()).toEqual(['refused', 'succeeded']);
  });
});
