import type { CheckpointSummary, Cohort, Partition, SlaGap } from '@freshet/core';
import { addOutlook } from './outlook.js';
import type { ScopeNote, ScopeProblem } from './scope.js';
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
  /** The SLA in milliseconds; unset: no look-ahead for this source. */
  slaMs?: number;
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
  /** Checkpoints by partition key (full `Checkpoint`s do too). */
  checkpoints: ReadonlyMap<string, CheckpointSummary>;
  /** Partitions another run holds a live lease on. */
  leased: ReadonlySet<string>;
  /** SLA gaps by partition key (`listSlaGaps`, never-run partitions included). */
  gaps: ReadonlyMap<string, SlaGap>;
  /**
   * The schedule's next tick after this run. A fresh partition whose SLA lapses before then is
   * due now, or a 1-day SLA on a nightly schedule would be met only every other night.
   */
  nextTickAt?: Date | null;
  defaultEstimate?: number;
  /** Sources in scope that could not list their partitions. */
  problems?: ScopeProblem[];
  /** Enabled sources the scope left out, and why. */
  notes?: ScopeNote[];
}

const REASON_RANK: Record<PlanReason, number> = {
  resumable: 0,
  sla_breached: 1,
  never_run: 2,
  sla_due: 3,
  fresh: 4,
  leased: 5,
};

/**
 * Orders the partitions in scope: resumable first, then SLA-breached (most overdue first),
 * then never-run, then those whose SLA lapses before the next scheduled tick (soonest first),
 * then fresh ones only when forced; partitions that tie take turns by source. Then trims each
 * source's share to the calls left in its daily budget, deferring what does not fit, and says
 * when the backlog clears at that budget.
 */
export function buildPlan(facts: PlanFacts): Plan {
  // Sort keys are worked out once per entry, not in every comparison of the sort.
  const keyed: SortKeyed[] = facts.partitions.map((partition) => {
    const checkpoint = facts.checkpoints.get(partition.key) ?? null;
    const gap = facts.gaps.get(partition.key) ?? null;
    const entry = classify(partition, checkpoint, gap, facts);
    const time =
      entry.reason === 'fresh' || entry.reason === 'sla_due'
        ? // Oldest completion first.
          (checkpoint?.lastCompleteAt?.getTime() ?? Number.NEGATIVE_INFINITY)
        : // Most overdue first; partitions without a breach time after those with one.
          (gap?.breachedSince?.getTime() ?? Number.POSITIVE_INFINITY);
    return { entry, rank: REASON_RANK[entry.reason], time, key: entry.partitionKey, turn: 0 };
  });
  keyed.sort(byPriority);
  const entries = takeTurnsBySource(keyed).map((k) => k.entry);
  const quotas = fitQuota(entries, facts);
  addOutlook(quotas, entries, facts);
  const run: PlanEntry[] = [];
  const deferred: PlanEntry[] = [];
  const skipped: PlanEntry[] = [];
  let estimatedCalls = 0;
  for (const entry of entries) {
    if (entry.action === 'run') {
      run.push(entry);
      estimatedCalls += entry.estimatedCalls;
    } else if (entry.action === 'deferred') {
      deferred.push(entry);
    } else {
      skipped.push(entry);
    }
  }
  const ordered = run.concat(deferred, skipped);
  return {
    generatedAt: facts.now.toISOString(),
    scope: facts.scope,
    entries: ordered,
    sources: quotas,
    problems: facts.problems ?? [],
    notes: facts.notes ?? [],
    totals: {
      partitions: ordered.length,
      run: run.length,
      deferred: deferred.length,
      skipped: skipped.length,
      estimatedCalls,
    },
  };
}

interface SortKeyed {
  entry: PlanEntry;
  rank: number;
  /**
   * Epoch ms, compared as numbers (not as the ISO strings printed). Fresh and due: the last
   * completion (-Infinity for none); others: the breach time (+Infinity for none).
   */
  time: number;
  key: string;
  /** Among entries that tie on rank and time: how many of its source's come before it. */
  turn: number;
}

function classify(
  partition: Partition,
  checkpoint: CheckpointSummary | null,
  gap: SlaGap | null,
  facts: PlanFacts,
): PlanEntry {
  const { calls, from } = estimate(partition, checkpoint, facts);

  let reason: PlanReason;
  let action: PlanEntry['action'];
  let refresh = false;
  let note: string | null = null;
  if (facts.leased.has(partition.key)) {
    reason = 'leased';
    action = 'skipped';
    note = 'another run holds its lease';
  } else if (checkpoint === null) {
    reason = 'never_run';
    action = 'run';
  } else if (checkpoint.status !== 'complete') {
    // failed, or `running` with no live lease: its run died; resume from the cursor.
    reason = 'resumable';
    action = 'run';
  } else if (gap !== null) {
    reason = 'sla_breached';
    action = 'run';
    refresh = true;
  } else if (lapsesBeforeNextTick(partition.source, checkpoint, facts)) {
    reason = 'sla_due';
    action = 'run';
    refresh = true;
    note = `its ${facts.sources.get(partition.source)?.sla} SLA lapses before the next scheduled run (${facts.nextTickAt?.toISOString()})`;
  } else if (facts.scope.force) {
    reason = 'fresh';
    action = 'run';
    refresh = true;
    note = 'fresh, run because of --force';
  } else {
    reason = 'fresh';
    action = 'skipped';
    note = 'fresh (within its SLA); --force runs it anyway';
  }
  // The same instant is formatted once per entry: a complete checkpoint's update time is its
  // completion, and its SLA gap's last completion is the checkpoint's.
  const lastCompleteMs = checkpoint?.lastCompleteAt?.getTime() ?? null;
  const lastCompleteAt = checkpoint?.lastCompleteAt?.toISOString() ?? null;
  const iso = (date: Date): string =>
    lastCompleteAt !== null && date.getTime() === lastCompleteMs ? lastCompleteAt : date.toISOString();
  // One literal, fields always in this order: every entry has the same shape.
  return {
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
            updatedAt: iso(checkpoint.updatedAt),
            lastCompleteAt,
          },
    slaGap: gap === null ? null : planGap(gap, facts.now, iso),
    reason,
    action,
    refresh,
    note,
  };
}

function lapsesBeforeNextTick(source: string, checkpoint: CheckpointSummary, facts: PlanFacts): boolean {
  const slaMs = facts.sources.get(source)?.slaMs;
  if (!facts.nextTickAt || slaMs === undefined || checkpoint.lastCompleteAt === null) return false;
  return checkpoint.lastCompleteAt.getTime() + slaMs <= facts.nextTickAt.getTime();
}

function estimate(
  partition: Partition,
  checkpoint: CheckpointSummary | null,
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

function planGap(gap: SlaGap, now: Date, iso: (date: Date) => string): PlanSlaGap {
  return {
    reason: gap.reason,
    breachedSince: gap.breachedSince ? iso(gap.breachedSince) : null,
    lastCompleteAt: gap.lastCompleteAt ? iso(gap.lastCompleteAt) : null,
    staleRecords: gap.staleRecords,
    overdueMs: gap.breachedSince === null ? null : Math.max(0, now.getTime() - gap.breachedSince.getTime()),
  };
}

function byPriority(a: SortKeyed, b: SortKeyed): number {
  const rank = a.rank - b.rank;
  if (rank !== 0) return rank;
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Within each run of entries that tie on rank and time (never-run partitions, say), sources
 * take turns, each keeping its own order: one source's long list never fills a run-wide cap
 * or a day's plan ahead of the others.
 */
function takeTurnsBySource(sorted: SortKeyed[]): SortKeyed[] {
  const out: SortKeyed[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (
      end < sorted.length &&
      sorted[end]!.rank === sorted[start]!.rank &&
      sorted[end]!.time === sorted[start]!.time
    ) {
      end++;
    }
    const group = sorted.slice(start, end);
    if (group.length > 1) {
      const turns = new Map<string, number>();
      for (const item of group) {
        const turn = turns.get(item.entry.source) ?? 0;
        item.turn = turn;
        turns.set(item.entry.source, turn + 1);
      }
      // Stable: same turn keeps the sorted order (by key).
      group.sort((a, b) => a.turn - b.turn);
    }
    out.push(...group);
    start = end;
  }
  return out;
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
      // Filled in by addOutlook.
      callsPerSla: 0,
      budgetPerSla: null,
      neededDailyBudget: null,
      backlogClearsOn: null,
      warning: null,
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
    // Said against the footer's "N of budget left", so the two read alike.
    const unplanned =
      left > 0 ? `only ${left} of the ${quota.remainingToday}` : `all ${quota.remainingToday}`;
    entry.note = `needs ~${entry.estimatedCalls} calls, but ${unplanned} calls left today ${left > 0 ? 'are not' : 'are'} planned already (${entry.source}'s daily budget of ${quota.dailyBudget} resets at 00:00 UTC)`;
    quota.deferredCalls += entry.estimatedCalls;
  }
  return [...quotas.values()];
}
