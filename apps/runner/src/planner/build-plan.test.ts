import { type Checkpoint, emptyCounts, isoWeekCohorts, type Partition, type SlaGap } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { checkpoint } from '../test-support/sources.js';
import { buildPlan, DEFAULT_ESTIMATED_CALLS, type PlanFacts, type PlanSourceFacts } from './build-plan.js';
import { EMPTY_SCOPE } from './types.js';

const weeks = isoWeekCohorts({ prefix: 'project_week' });
const now = new Date('2025-03-20T12:00:00Z');
const day = 86_400_000;

const partition = (week: string, source = 'nih'): Partition => {
  const cohort = weeks.parseValue(week);
  return { key: `${source}:${cohort.key}`, source, cohort };
};
const gap = (key: string, breachedSince: string | null, reason: SlaGap['reason'] = 'expired'): SlaGap => ({
  partitionKey: key,
  source: key.split(':')[0]!,
  reason,
  breachedSince: breachedSince === null ? null : new Date(breachedSince),
  lastCompleteAt: null,
  staleRecords: 3,
});

function facts(patch: Partial<PlanFacts> & { partitions: Partition[] }): PlanFacts {
  const source: PlanSourceFacts = { id: 'nih', sla: '7d', dailyBudget: null, usedToday: 0 };
  return {
    now,
    scope: EMPTY_SCOPE,
    sources: new Map([['nih', source]]),
    checkpoints: new Map(),
    leased: new Set(),
    gaps: new Map(),
    ...patch,
  };
}
const byKey = <T extends { partitionKey: string }>(items: T[]) =>
  new Map(items.map((i) => [i.partitionKey, i]));

describe('buildPlan', () => {
  const [w1, w2, w3, w4, w5, w6] = [
    '2025-W01',
    '2025-W02',
    '2025-W03',
    '2025-W04',
    '2025-W05',
    '2025-W06',
  ].map((w) => partition(w)) as [Partition, Partition, Partition, Partition, Partition, Partition];

  it('orders resumable, then SLA-breached most overdue first, then never-run; skips fresh', () => {
    const checkpoints: Checkpoint[] = [
      checkpoint(w1.key, { status: 'complete', lastCompleteAt: new Date(now.getTime() - 9 * day) }),
      checkpoint(w2.key, { status: 'failed', cursor: { offset: 500 }, lastCompleteAt: null }),
      checkpoint(w3.key, { status: 'complete', lastCompleteAt: new Date(now.getTime() - 20 * day) }),
      checkpoint(w4.key, { status: 'complete', lastCompleteAt: new Date(now.getTime() - day) }),
      checkpoint(w5.key, { status: 'running', cursor: { offset: 1000 } }),
    ];
    const plan = buildPlan(
      facts({
        partitions: [w1, w2, w3, w4, w5, w6],
        checkpoints: byKey(checkpoints),
        gaps: byKey([
          gap(w1.key, '2025-03-18T12:00:00Z'),
          gap(w3.key, '2025-03-07T12:00:00Z'),
          gap(w2.key, '2025-03-01T00:00:00Z', 'never_completed'),
          gap(w5.key, '2025-03-02T00:00:00Z', 'never_completed'),
          gap(w6.key, null, 'never_run'),
        ]),
      }),
    );
    expect(plan.entries.map((e) => [e.partitionKey.slice(-8), e.reason, e.action])).toEqual([
      ['2025-W02', 'resumable', 'run'],
      ['2025-W05', 'resumable', 'run'],
      ['2025-W03', 'sla_breached', 'run'],
      ['2025-W01', 'sla_breached', 'run'],
      ['2025-W06', 'never_run', 'run'],
      ['2025-W04', 'fresh', 'skipped'],
    ]);
    const resumable = plan.entries[0]!;
    expect(resumable).toMatchObject({
      refresh: false,
      checkpoint: { status: 'failed', cursor: { offset: 500 } },
    });
    expect(plan.entries[2]).toMatchObject({
      refresh: true,
      slaGap: { breachedSince: '2025-03-07T12:00:00.000Z', staleRecords: 3, overdueMs: 13 * day },
    });
    expect(plan.totals).toEqual({
      partitions: 6,
      run: 5,
      deferred: 0,
      skipped: 1,
      estimatedCalls: 5 * DEFAULT_ESTIMATED_CALLS,
    });
  });

  it('runs fresh partitions last, oldest completion first, when forced', () => {
    const plan = buildPlan(
      facts({
        scope: { ...EMPTY_SCOPE, force: true },
        partitions: [w1, w2, w3],
        checkpoints: byKey([
          checkpoint(w1.key, { lastCompleteAt: new Date(now.getTime() - day) }),
          checkpoint(w2.key, { lastCompleteAt: new Date(now.getTime() - 3 * day) }),
        ]),
        gaps: byKey([gap(w3.key, null, 'never_run')]),
      }),
    );
    expect(plan.entries.map((e) => [e.partitionKey.slice(-3), e.reason, e.action, e.refresh])).toEqual([
      ['W03', 'never_run', 'run', false],
      ['W02', 'fresh', 'run', true],
      ['W01', 'fresh', 'run', true],
    ]);
  });

  it('skips a partition another run holds a lease on', () => {
    const plan = buildPlan(
      facts({
        partitions: [w1],
        checkpoints: byKey([checkpoint(w1.key, { status: 'running' })]),
        leased: new Set([w1.key]),
      }),
    );
    expect(plan.entries[0]).toMatchObject({ reason: 'leased', action: 'skipped' });
  });

  it('estimates from the source, else the last complete attempt, else a default', () => {
    const sources = new Map<string, PlanSourceFacts>([
      [
        'nih',
        {
          id: 'nih',
          sla: '7d',
          dailyBudget: null,
          usedToday: 0,
          estimateCalls: (c) => (c.value === '2025-W01' ? 7 : undefined),
        },
      ],
    ]);
    const counts = { ...emptyCounts(), apiCalls: 4 };
    const plan = buildPlan(
      facts({
        scope: { ...EMPTY_SCOPE, force: true },
        partitions: [w1, w2, w3],
        sources,
        checkpoints: byKey([checkpoint(w2.key, { counts })]),
      }),
    );
    const entries = byKey(plan.entries);
    expect(entries.get(w1.key)).toMatchObject({ estimatedCalls: 7, estimateFrom: 'source' });
    expect(entries.get(w2.key)).toMatchObject({ estimatedCalls: 4, estimateFrom: 'history' });
    expect(entries.get(w3.key)).toMatchObject({
      estimatedCalls: DEFAULT_ESTIMATED_CALLS,
      estimateFrom: 'default',
    });
  });

  it('defers what does not fit the remaining daily quota, per source', () => {
    const sam = (n: string): Partition => {
      const cohort = { key: `uei_batch_${n}`, value: n, ordinal: Number(n), window: null };
      return { key: `sam_gov:${cohort.key}`, source: 'sam_gov', cohort };
    };
    const sources = new Map<string, PlanSourceFacts>([
      ['sam_gov', { id: 'sam_gov', sla: '7d', dailyBudget: 100, usedToday: 75, estimateCalls: () => 10 }],
      ['nih', { id: 'nih', sla: '7d', dailyBudget: null, usedToday: 0 }],
    ]);
    const plan = buildPlan(
      facts({ partitions: [sam('0001'), sam('0002'), sam('0003'), w1], sources, defaultEstimate: 50 }),
    );
    expect(plan.entries.map((e) => [e.partitionKey, e.action])).toEqual([
      ['nih:project_week_2025-W01', 'run'],
      ['sam_gov:uei_batch_0001', 'run'],
      ['sam_gov:uei_batch_0002', 'run'],
      ['sam_gov:uei_batch_0003', 'deferred'],
    ]);
    expect(plan.entries[3]?.note).toContain('5 of sam_gov');
    expect(plan.sources.find((s) => s.source === 'sam_gov')).toEqual({
      source: 'sam_gov',
      sla: '7d',
      dailyBudget: 100,
      usedToday: 75,
      remainingToday: 25,
      plannedCalls: 20,
      deferredCalls: 10,
    });
    expect(plan.totals).toMatchObject({ run: 3, deferred: 1, estimatedCalls: 70 });
  });

  it('starts a partition bigger than a whole day when it is the first of its source today', () => {
    const sources = new Map<string, PlanSourceFacts>([
      ['nih', { id: 'nih', sla: '7d', dailyBudget: 20, usedToday: 0, estimateCalls: () => 50 }],
    ]);
    const plan = buildPlan(facts({ partitions: [w1, w2], sources }));
    expect(plan.entries.map((e) => e.action)).toEqual(['run', 'deferred']);
    expect(plan.entries[0]?.note).toContain('resumes from its checkpoint');
  });
});
