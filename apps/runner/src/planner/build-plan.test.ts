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
    // The note and the quota footer agree: 25 left today, 20 of them planned, 5 not enough.
    expect(plan.entries[3]?.note).toContain(
      "needs ~10 calls, but only 5 of the 25 calls left today are not planned already (sam_gov's daily budget of 100",
    );
    expect(plan.sources.find((s) => s.source === 'sam_gov')).toEqual({
      source: 'sam_gov',
      sla: '7d',
      dailyBudget: 100,
      usedToday: 75,
      remainingToday: 25,
      plannedCalls: 20,
      deferredCalls: 10,
      callsPerSla: 30,
      // No SLA in milliseconds given: nothing to say of an SLA period; the 10 deferred fit tomorrow.
      budgetPerSla: null,
      neededDailyBudget: null,
      backlogClearsOn: '2025-03-21',
      warning: null,
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

  it('refreshes a fresh partition now when its SLA lapses before the next scheduled tick', () => {
    const sources = new Map<string, PlanSourceFacts>([
      ['nih', { id: 'nih', sla: '7d', slaMs: 7 * day, dailyBudget: null, usedToday: 0 }],
    ]);
    const completed = (daysAgo: number) => ({
      status: 'complete' as const,
      lastCompleteAt: new Date(now.getTime() - daysAgo * day),
    });
    const plan = buildPlan(
      facts({
        partitions: [w1, w2, w3],
        sources,
        checkpoints: byKey([
          checkpoint(w1.key, completed(6.5)),
          checkpoint(w2.key, completed(2)),
          checkpoint(w3.key, completed(6)),
        ]),
        nextTickAt: new Date(now.getTime() + day),
      }),
    );
    const entries = byKey(plan.entries);
    expect(entries.get(w1.key)).toMatchObject({ reason: 'sla_due', action: 'run', refresh: true });
    expect(entries.get(w1.key)?.note).toContain('lapses before the next scheduled run');
    expect(entries.get(w2.key)).toMatchObject({ reason: 'fresh', action: 'skipped' });
    // Lapses exactly at the next tick: already out of its SLA by the time that run ends.
    expect(entries.get(w3.key)).toMatchObject({ reason: 'sla_due', action: 'run' });
    // Without a schedule there is nothing to look ahead to.
    const unscheduled = buildPlan(
      facts({ partitions: [w1], sources, checkpoints: byKey([checkpoint(w1.key, completed(6.5))]) }),
    );
    expect(unscheduled.entries[0]).toMatchObject({ reason: 'fresh', action: 'skipped' });
  });

  it('lets sources take turns among partitions of equal priority, each in its own order', () => {
    const other = ['2025-W01', '2025-W02', '2025-W03'].map((w) => partition(w, 'other'));
    const sources = new Map<string, PlanSourceFacts>([
      ['nih', { id: 'nih', sla: '7d', dailyBudget: null, usedToday: 0 }],
      ['other', { id: 'other', sla: '7d', dailyBudget: null, usedToday: 0 }],
    ]);
    const plan = buildPlan(facts({ partitions: [w1, w2, w3, ...other], sources }));
    expect(plan.entries.map((e) => e.partitionKey)).toEqual([
      w1.key,
      other[0]!.key,
      w2.key,
      other[1]!.key,
      w3.key,
      other[2]!.key,
    ]);
  });

  describe('at origin volumes: 700 SAM.gov batches of 10 calls against 1,000 calls a day', () => {
    const batches = Array.from({ length: 700 }, (_, i) => {
      const n = String(i + 1).padStart(4, '0');
      const cohort = { key: `uei_batch_${n}`, value: n, ordinal: i + 1, window: null };
      return { key: `sam_gov:${cohort.key}`, source: 'sam_gov', cohort } satisfies Partition;
    });
    const samFacts = (dailyBudget: number) =>
      facts({
        partitions: batches,
        sources: new Map<string, PlanSourceFacts>([
          [
            'sam_gov',
            { id: 'sam_gov', sla: '7d', slaMs: 7 * day, dailyBudget, usedToday: 0, estimateCalls: () => 10 },
          ],
        ]),
      });

    it('runs what fits today and says on which day each deferred batch runs and the backlog clears', () => {
      const plan = buildPlan(samFacts(1000));
      expect(plan.totals).toMatchObject({ run: 100, deferred: 600 });
      const sam = plan.sources[0]!;
      expect(sam).toMatchObject({
        remainingToday: 1000,
        plannedCalls: 1000,
        deferredCalls: 6000,
        callsPerSla: 7000,
        budgetPerSla: 7000,
        neededDailyBudget: null,
        backlogClearsOn: '2025-03-26',
        warning: null,
      });
      const deferred = plan.entries.filter((e) => e.action === 'deferred');
      expect(deferred[0]?.note).toContain('expected to run on 2025-03-21');
      expect(deferred[99]?.note).toContain('expected to run on 2025-03-21');
      expect(deferred[100]?.note).toContain('expected to run on 2025-03-22');
      expect(deferred.at(-1)?.note).toContain('expected to run on 2025-03-26');
      expect(deferred[0]?.note).toContain('but all 1000 calls left today are planned already');
    });

    it('warns when the daily budget times the SLA cannot cover the calls, naming the budget that would', () => {
      const plan = buildPlan(samFacts(500));
      expect(plan.totals).toMatchObject({ run: 50, deferred: 650 });
      const sam = plan.sources[0]!;
      expect(sam).toMatchObject({
        callsPerSla: 7000,
        budgetPerSla: 3500,
        neededDailyBudget: 1000,
        backlogClearsOn: null,
      });
      expect(sam.warning).toContain('500 a day allows 3500');
      expect(sam.warning).toContain('at least 1000');
    });
  });
});
