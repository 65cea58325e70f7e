import { describe, expect } from 'vitest';
import type { Plan } from '../src/planner/types.js';
import type { RunSummary } from '../src/runs/types.js';
import { nihProjectTest } from './harness/fixtures.js';
import { partitionKey, weekOf } from './harness/nih.js';

// NIH offers no estimate, so a never-run week is planned at 10 calls: one fits in 12 a day.
const it = nihProjectTest({
  range: '2025-W09..2025-W11',
  quota: { dailyBudget: 12 },
});

describe('freshet (built binary): the daily quota', () => {
  it('plans what does not fit today as deferred, and the run does not start it', async ({ project, nih }) => {
    const first = partitionKey('2025-W09');
    const deferred = [partitionKey('2025-W10'), partitionKey('2025-W11')];
    const planned = await project.freshet(['plan', '--json']);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = planned.json<Plan>();
    expect(plan.entries.map((e) => [e.partitionKey, e.action])).toEqual([
      [first, 'run'],
      ...deferred.map((key) => [key, 'deferred']),
    ]);
    expect(plan.entries[1]?.note).toContain(
      "needs ~10 calls, but only 2 of the 12 calls left today are not planned already (nih's daily budget of 12",
    );
    // Deferred work is given the day it is expected to run: the budget covers both tomorrow.
    expect(plan.entries[2]?.note).toMatch(
      /expected to run on \d{4}-\d{2}-\d{2}, closing its SLA gap at 12 calls a day/,
    );
    expect(plan.sources).toEqual([
      expect.objectContaining({
        source: 'nih',
        dailyBudget: 12,
        usedToday: 0,
        remainingToday: 12,
        plannedCalls: 10,
      }),
    ]);
    expect(plan.totals).toMatchObject({ run: 1, deferred: 2 });

    const run = await project.freshet(['run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const summary = run.json<RunSummary>();
    expect(summary.status).toBe('succeeded');
    expect(summary.partitions.map((p) => [p.partitionKey, p.status]).sort()).toEqual([
      [first, 'complete'],
      ...deferred.map((key) => [key, 'deferred']),
    ]);
    expect(summary.partitions.find((p) => p.status === 'deferred')?.error?.code).toBe('QUOTA_EXHAUSTED');

    // Deferred partitions were not started: no checkpoint, no request.
    const store = await project.store();
    expect((await store.listCheckpoints()).map((c) => c.partitionKey)).toEqual([first]);
    expect(new Set(nih.proxy.requests.map((r) => weekOf(nih, r)))).toEqual(new Set(['2025-W09']));

    // The calls are counted against today's budget: still no room for the next week.
    const calls = nih.proxy.requests.length;
    const again = (await project.freshet(['plan', '--json'])).json<Plan>();
    expect(again.sources[0]).toMatchObject({ usedToday: calls, remainingToday: 12 - calls });
    expect(again.entries.filter((e) => e.action === 'deferred').map((e) => e.partitionKey)).toEqual(deferred);
  });
});
