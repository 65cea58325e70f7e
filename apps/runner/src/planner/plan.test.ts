import { describe, expect } from 'vitest';
import { checkpoint, resolved, weekSource } from '../test-support/sources.js';
import { projectTest } from '../test-support/store.js';
import { plan } from './plan.js';
import { EMPTY_SCOPE } from './types.js';

const it = projectTest;

const now = new Date('2025-03-20T12:00:00Z');
const day = 86_400_000;

describe('plan (from the store)', () => {
  it('reads checkpoints, leases, SLA gaps and today’s quota use', async ({ project }) => {
    const { store } = project;
    await store.saveCheckpoint(
      checkpoint('nih:project_week_2025-W10', { lastCompleteAt: new Date(now.getTime() - 10 * day) }),
    );
    await store.saveCheckpoint(
      checkpoint('nih:project_week_2025-W11', {
        status: 'running',
        cursor: { offset: 500 },
        completedAt: null,
        lastCompleteAt: null,
      }),
    );
    await store.saveCheckpoint(
      checkpoint('nih:project_week_2025-W12', {
        status: 'running',
        completedAt: null,
        lastCompleteAt: null,
      }),
    );
    await store.acquireLease('nih:project_week_2025-W12', 'run_other', 60_000, now);
    await store.consumeQuota('nih', '2025-03-20', 990, 1000);

    const result = await plan({
      store,
      sources: [resolved(weekSource('nih'), { dailyBudget: 1000, range: '2025-W09..2025-W12' })],
      scope: EMPTY_SCOPE,
      now,
    });
    expect(result.entries.map((e) => [e.partitionKey.slice(-3), e.reason, e.action])).toEqual([
      ['W11', 'resumable', 'run'],
      ['W10', 'sla_breached', 'deferred'],
      ['W09', 'never_run', 'deferred'],
      ['W12', 'leased', 'skipped'],
    ]);
    expect(result.entries[0]?.checkpoint?.cursor).toEqual({ offset: 500 });
    expect(result.sources).toEqual([
      {
        source: 'nih',
        sla: '7d',
        dailyBudget: 1000,
        usedToday: 990,
        remainingToday: 10,
        plannedCalls: 10,
        deferredCalls: 20,
        // Four partitions of ~10 calls each SLA period; the two deferred fit tomorrow's budget.
        callsPerSla: 40,
        budgetPerSla: 7000,
        neededDailyBudget: null,
        backlogClearsOn: '2025-03-21',
        warning: null,
      },
    ]);
    // A plan is JSON as it is: the run stores it and --json prints it.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('lets a limiter say what is left today', async ({ project }) => {
    const result = await plan({
      store: project.store,
      sources: [resolved(weekSource('nih'), { dailyBudget: 100 })],
      scope: { ...EMPTY_SCOPE, partitions: ['nih:project_week_2025-W01'] },
      now,
      remainingToday: async () => 3,
    });
    expect(result.entries[0]?.action).toBe('deferred');
    expect(result.sources[0]?.remainingToday).toBe(3);
  });
});
