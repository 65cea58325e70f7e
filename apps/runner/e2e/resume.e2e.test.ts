import type { Checkpoint } from '@freshet/core';
import { describe, expect } from 'vitest';
import type { RunSummary } from '../src/runs/types.js';
import { nihProjectTest } from './harness/fixtures.js';
import { countPages, expectStoreMatchesTruth, pageOf, partitionKey, weekOf } from './harness/nih.js';
import { sleep } from './harness/proxy.js';

const WEEKS = ['2025-W09', '2025-W10', '2025-W11', '2025-W12'];

const it = nihProjectTest({
  range: '2025-W09..2025-W12',
  // Two partitions at once, so two slices can be in flight when the process dies; a short
  // lease, so the dead run's leases run out quickly.
  run: { maxParallelPartitions: 2, leaseTtlSeconds: 2 },
});

/** The page the NIH adapter asks for next from a checkpoint (later pages start one project early). */
function nextPage(isoWeek: string, checkpoint: Checkpoint | undefined): string | null {
  if (checkpoint?.status === 'complete') return null;
  const offset = (checkpoint?.cursor as { offset?: number } | null | undefined)?.offset ?? 0;
  return `${isoWeek}@${offset === 0 ? 0 : offset - 1}`;
}

describe('freshet (built binary): kill -9 in the middle of a run', () => {
  it('resumes from the checkpoints: every record once, the truth matched, only in-flight slices fetched again', async ({
    project,
    nih,
  }) => {
    // Freeze the run with slices in flight: from the 6th request on, the API serves the request but
    // the client never gets the answer (two partitions run at once, so up to two are held).
    const HOLD_FROM = 6;
    nih.proxy.holdAnswers((request) => request.seq >= HOLD_FROM);
    const first = project.spawn(['run', '--log-level', 'debug']);
    const held = await nih.proxy.waitFor((request) => request.seq === HOLD_FROM && request.status !== null);

    // Poll the store until the slices of every answer that arrived are committed, then kill -9.
    const store = await project.store();
    const committedSlices = async () =>
      (await store.listCheckpoints()).reduce((sum, c) => sum + c.counts.slices, 0);
    for (const deadline = Date.now() + 15_000; (await committedSlices()) < HOLD_FROM - 1; await sleep(25)) {
      if (Date.now() > deadline) {
        const seen = nih.proxy.requests.map((r) => `#${r.seq} ${pageOf(nih, r)} ${r.status} ${r.delivered}`);
        const checkpoints = (await store.listCheckpoints()).map(
          (c) => `${c.partitionKey} ${c.status} ${c.counts.slices}`,
        );
        throw new Error(
          `slices committed: ${await committedSlices()}\n${seen.join('\n')}\n${checkpoints.join('\n')}\n${first.output().stderr}`,
        );
      }
    }
    expect(await committedSlices()).toBe(HOLD_FROM - 1);
    expect(nih.proxy.requests.filter((r) => r.delivered)).toHaveLength(HOLD_FROM - 1);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    // What the dead run left: its committed checkpoints (nothing writes to the store now).
    const atKill = new Map((await store.listCheckpoints()).map((c) => [c.partitionKey, c]));
    expect([...atKill.values()].some((c) => c.status === 'running')).toBe(true);
    const resumeAt = new Set(WEEKS.map((w) => nextPage(w, atKill.get(partitionKey(w)))));
    nih.proxy.release();

    // The dead run's leases run out (TTL 2 s); then a new run resumes. Only now are the dead
    // run's requests all in: one sent just before the kill can reach the proxy just after it.
    await project.waitForLeasesToExpire();
    const firstRequests = [...nih.proxy.requests];
    const inFlight = firstRequests.filter((r) => !r.delivered).map((r) => pageOf(nih, r));
    expect(inFlight).toContain(pageOf(nih, held));
    for (const page of inFlight) expect(resumeAt.has(page), `${page} was in flight`).toBe(true);
    const second = await project.freshet(['run', '--json']);
    expect(second.code, second.stderr).toBe(0);
    const summary = second.json<RunSummary>();
    expect(summary.status).toBe('succeeded');
    const resumed = summary.plan!.entries.filter((e) => e.reason === 'resumable').map((e) => e.partitionKey);
    expect(resumed.sort()).toEqual(
      [...atKill.values()]
        .filter((c) => c.status === 'running')
        .map((c) => c.partitionKey)
        .sort(),
    );

    // The dead run is recorded as interrupted by the one that found it.
    const runs = await store.listRuns();
    expect(runs.map((r) => r.status).sort()).toEqual(['interrupted', 'succeeded']);

    // Every record exactly once, at revision 1, equal to the simulator's truth.
    await expectStoreMatchesTruth(store, nih, WEEKS);

    // API calls repeated only for the slices in flight at the kill; no committed page asked again,
    // no complete partition touched again.
    const secondRequests = nih.proxy.requests.slice(firstRequests.length);
    const before = countPages(nih, firstRequests);
    const after = countPages(nih, secondRequests);
    const repeated = [...after.keys()].filter((page) => before.has(page)).sort();
    expect(repeated).toEqual([...new Set(inFlight)].sort());
    expect([...before.values(), ...after.values()].every((n) => n === 1)).toBe(true);
    for (const [key, checkpoint] of atKill) {
      if (checkpoint.status !== 'complete') continue;
      expect(
        secondRequests.some((r) => partitionKey(weekOf(nih, r)) === key),
        key,
      ).toBe(false);
    }
    // The simulator saw every request the client sent (including the answers it never got).
    expect(nih.sim.stats().requests).toBe(nih.proxy.requests.length);
    expect(summary.totals.apiCalls).toBe(secondRequests.length);
  });
});
