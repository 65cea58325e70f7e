import type { RunPartitionRow } from '@freshet/core';
import { describe, expect } from 'vitest';
import type { Plan } from '../src/planner/types.js';
import type { SlaGapClosed } from '../src/runs/sla-gap-closed.js';
import type { RunSummary } from '../src/runs/types.js';
import { nihProjectTest } from './harness/fixtures.js';
import { partitionKey, truthIds, weekOf } from './harness/nih.js';

const DAY = 86_400_000;

const it = nihProjectTest({ range: '2025-W09..2025-W12' });

describe('freshet (built binary): stale partitions first', () => {
  it('plans an SLA-breached partition before never-run ones, and the run names the gap it closed', async ({
    project,
    nih,
  }) => {
    // W11 completed 30 days ago (FRESHET_NOW injects the clock), far outside the NIH SLA of 7 days.
    const STALE = partitionKey('2025-W11');
    const longAgo = new Date(Date.now() - 30 * DAY);
    const seeded = await project.freshet(['run', '--partition', STALE, '--json'], {
      env: { FRESHET_NOW: longAgo.toISOString() },
    });
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.json<RunSummary>().status).toBe('succeeded');
    const shownCheckpoint = await project.freshet(['checkpoint', 'show', STALE, '--json']);
    const { checkpoint } = shownCheckpoint.json<{ checkpoint: { status: string; lastCompleteAt: string } }>();
    expect(checkpoint.status).toBe('complete');
    const seededAt = new Date(checkpoint.lastCompleteAt);
    expect(Math.abs(seededAt.getTime() - longAgo.getTime())).toBeLessThan(60_000);

    // Today: the stale one first, then the never-run ones (in key order).
    const plan = await project.freshet(['plan', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const entries = plan.json<Plan>().entries;
    expect(entries.map((e) => [e.partitionKey, e.reason, e.action])).toEqual([
      [STALE, 'sla_breached', 'run'],
      [partitionKey('2025-W09'), 'never_run', 'run'],
      [partitionKey('2025-W10'), 'never_run', 'run'],
      [partitionKey('2025-W12'), 'never_run', 'run'],
    ]);
    const staleRecords = truthIds(nih, '2025-W11').length;
    expect(entries[0]).toMatchObject({
      refresh: true,
      slaGap: { reason: 'expired', staleRecords, lastCompleteAt: expect.any(String) },
    });
    expect(entries[0]?.slaGap?.overdueMs).toBeGreaterThan(22 * DAY);
    const human = await project.freshet(['plan']);
    expect(human.stdout).toMatch(/1 {2}nih:project_week_2025-W11 {2}sla_breached .*overdue .*stale records/);

    // The run does them in that order and says which gap it closed.
    const before = nih.proxy.requests.length;
    const run = await project.freshet(['run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { runId } = run.json<RunSummary>();
    expect(weekOf(nih, nih.proxy.requests[before]!)).toBe('2025-W11');

    const shown = await project.freshet(['runs', 'show', runId, '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const partitions = shown.json<{ partitions: RunPartitionRow[] }>().partitions;
    const closed = partitions.find((p) => p.partitionKey === STALE)?.slaGapClosed as SlaGapClosed | undefined;
    expect(closed).toMatchObject({
      partitionKey: STALE,
      reason: 'expired',
      lastCompleteAtBefore: seededAt.toISOString(),
      staleRecordsBefore: staleRecords,
      staleRecordsAfter: 0,
    });
    // Breached since the last completion plus the SLA.
    expect(new Date(closed!.breachedSince!).getTime()).toBe(seededAt.getTime() + 7 * DAY);
    const text = await project.freshet(['runs', 'show', runId]);
    expect(text.stdout).toContain('SLA gaps closed (4):');
    expect(text.stdout).toMatch(
      new RegExp(
        `${STALE} +breached since ${closed!.breachedSince!.slice(0, 10)} .*stale records ${staleRecords} -> 0`,
      ),
    );
  });
});
