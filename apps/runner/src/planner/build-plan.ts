import type { Checkpoint, Cohort, Partition, SlaGap } from '@freshet/core';
import type { ScopeProblem } from './scope.js';
import type {
  EstimateSource,
  Plan,
  PlanEntry,
  PlanReason,
  PlanSlaGap,
  PlanSourceQuota,
  RunScope,
} from './types.js';

/** API calls assumed for a partition with no estimate from its source and no history. */
export const DEFAULT_ESTIMATED_CALLS = 10;

export interface PlanSourceFacts {
  id: string;
  sla: string;
  dailyBudget: number | null;
  usedToday: number;
  /** The source's own estimate (`Source.estimateCalls`), when it has one. */
  estimateCalls?(cohort: Cohort): number | undefined;
}

/** Everything the plan depends on, read from the store and the configuration. */
export interface PlanFacts {
  now: Date;
  scope: RunScope;
  /** The partitions in scope. */
  partitions: readonly Partition[];
  sources: ReadonlyMap<string, PlanSourceFacts>;
  checkpoints: ReadonlyMap<string, Checkpoint>;
  /** Partitions another run holds a live lease on. */
  leased: ReadonlySet<string>;
  /** SLA gaps by partition key (`listSlaGaps`, never-run partitions included). */
  gaps: ReadonlyMap<string, SlaGap>;
  defaultEstimate?: number;
  /** Sources in scope that could not list their partitions. */
  problems?: ScopeProblem[];
}

const REASON_RANK: Record<PlanReason, number> = {
  resumable: 0,
  sla_breached: 1,
  never_run: 2,
  fresh: 3,
  leased: 4,
};

/**
 * Orders the partitions in scope: resumable first, then SLA-breached (most overdue first),
 * then never-run, then fresh ones only when forced; then trims each source's share to the
 * calls left in its daily budget, deferring what does not fit.
 */
export function buildPlan(facts: PlanFacts): Plan {
  const entries = facts.partitions.map((partition) => classify(partition, facts));
  entries.sort(byPriority);
  const quotas = fitQuota(entries, facts);
  const ordered = [
    ...entries.filter((e) => e.action === 'run'),
    ...entries.filter((e) => e.action === 'deferred'),
    ...entries.filter((e) => e.action === 'skipped'),
  ];
  const count = (action: PlanEntry['action']) => ordered.filter((e) => e.action === action).length;
  return {
    generatedAt: facts.now.toISOString(),
    scope: facts.scope,
    entries: ordered,
    sources: quotas,
    problems: facts.problems ?? [],
    totals: {
      partitions: ordered.length,
      run: count('run'),
      deferred: count('deferred'),
      skipped: count('skipped'),
      estimatedCalls: ordered.filter((e) => e.action === 'run').reduce((sum, e) => sum + e.estimatedCalls, 0),
    },
  };
}

function classify(partition: Partition, facts: PlanFacts): PlanEntry {
  const checkpoint = facts.checkpoints.get(partition.key) ?? null;
  const gap = facts.gaps.get(partition.key) ?? null;
  const { calls, from } = estimate(partition, checkpoint, facts);
  const base = {
    partitionKey: partition.key,
    source: partition.source,
    estimatedCalls: calls,
    estimateFrom: from,
    checkpoint:
      checkpoint === null
        ? null
        : {
            status: checkpoint.status,
            attempt: checkpoint.attempt,
            cursor: checkpoint.cursor,
            updatedAt: checkpoint.updatedAt.toISOString(),
            lastCompleteAt: checkpoint.lastCompleteAt?.toISOString() ?? null,
          },
    slaGap: gap === null ? null : planGap(gap, facts.now),
  };
  const entry = (reason: PlanReason, action: PlanEntry['action'], refresh: boolean, note: string | null) => ({
    ...base,
    reason,
    action,
    refresh,
    note,
  });

  if (facts.leased.has(partition.key)) {
    return entry('leased', 'skipped', false, 'another run holds its lease');
  }
  if (checkpoint === null) return entry('never_run', 'run', false, null);
  if (checkpoint.status !== 'complete') {
    // failed, or `running` with no live lease: its run died; resume from the cursor.
    return entry('resumable', 'run', false, null);
  }
  if (gap !== null) return entry('sla_breached', 'run', true, null);
  return facts.scope.force
    ? entry('fresh', 'run', true, 'fresh, run because of --force')
    : entry('fresh', 'skipped', false, 'fresh (within its SLA); --force runs it anyway');
}

function estimate(
  partition: Partition,
  checkpoint: Checkpoint | null,
  facts: PlanFacts,
): { calls: number; from: EstimateSource } {
  const fromSource = facts.sources.get(partition.source)?.estimateCalls?.(partition.cohort);
  if (fromSource !== undefined && Number.isFinite(fromSource) && fromSource >= 0) {
    return { calls: Math.ceil(fromSource), from: 'source' };
  }
  // A complete checkpoint's counts are its last complete attempt's.
  if (checkpoint?.status === 'complete' && checkpoint.counts.apiCalls > 0) {
    return { calls: checkpoint.counts.apiCalls, from: 'history' };
  }
  return { calls: facts.defaultEstimate ?? DEFAULT_ESTIMATED_CALLS, from: 'default' };
}

function planGap(gap: SlaGap, now: Date): PlanSlaGap {
  return {
    reason: gap.reason,
    breachedSince: gap.breachedSince?.toISOString() ?? null,
    lastCompleteAt: gap.lastCompleteAt?.toISOString() ?? null,
    staleRecords: gap.staleRecords,
    overdueMs: gap.breachedSince === null ? null : Math.max(0, now.getTime() - gap.breachedSince.getTime()),
  };
}

function byPriority(a: PlanEntry, b: PlanEntry): number {
  const rank = REASON_RANK[a.reason] - REASON_RANK[b.reason];
  if (rank !== 0) return rank;
  if (a.reason === 'fresh') {
    // Oldest completion first.
    const at = (e: PlanEntry) => e.checkpoint?.lastCompleteAt ?? '';
    if (at(a) !== at(b)) return at(a) < at(b) ? -1 : 1;
  } else {
    // Most overdue first; partitions without a breach time after those with one.
    const since = (e: PlanEntry) => e.slaGap?.breachedSince ?? null;
    const sa = since(a);
    const sb = since(b);
    if (sa !== sb) {
      if (sa === null) return 1;
      if (sb === null) return -1;
      return sa < sb ? -1 : 1;
    }
  }
  return a.partitionKey < b.partitionKey ? -1 : a.partitionKey > b.partitionKey ? 1 : 0;
}

/**
 * Walks the run entries in order and defers those that do not fit what is left of their
 * source's daily budget. A partition larger than a whole day's budget still starts when it
 * would be the source's first today: it resumes from its checkpoint on later days.
 */
function fitQuota(entries: PlanEntry[], facts: PlanFacts): PlanSourceQuota[] {
  const quotas = new Map<string, PlanSourceQuota>();
  for (const entry of entries) {
    if (quotas.has(entry.source)) continue;
    const source = facts.sources.get(entry.source);
    const dailyBudget = source?.dailyBudget ?? null;
    const usedToday = source?.usedToday ?? 0;
    quotas.set(entry.source, {
      source: entry.source,
      sla: source?.sla ?? '',
      dailyBudget,
      usedToday,
      remainingToday: dailyBudget === null ? null : Math.max(0, dailyBudget - usedToday),
      plannedCalls: 0,
      deferredCalls: 0,
    });
  }
  for (const entry of entries) {
    if (entry.action !== 'run') continue;
    const quota = quotas.get(entry.source)!;
    const left = quota.remainingToday === null ? null : quota.remainingToday - quota.plannedCalls;
    if (left === null || entry.estimatedCalls <= left) {
      quota.plannedCalls += entry.estimatedCalls;
      continue;
    }
    const biggerThanADay = quota.dailyBudget !== null && entry.estimatedCalls > quota.dailyBudget;
    if (biggerThanADay && quota.plannedCalls === 0 && left > 0) {
      quota.plannedCalls += left;
      entry.note = `needs ~${entry.estimatedCalls} calls, more than the daily budget of ${quota.dailyBudget}: it uses today's ${left} and resumes from its checkpoint on later days`;
      continue;
    }
    entry.action = 'deferred';
    entry.note = `needs ~${entry.estimatedCalls} calls; ${left} of ${entry.source}'s daily budget of ${quota.dailyBudget} are left today (resets at 00:00 UTC)`;
    quota.deferredCalls += entry.estimatedCalls;
  }
  return [...quotas.values()];
}
