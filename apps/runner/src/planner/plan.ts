import {
  type CheckpointSummary,
  type Cohort,
  type ResolvedSource,
  type Store,
  slaGapsByPartition,
  utcDay,
} from '@freshet/core';
import { liveLeases, RUN_LOCK_KEY } from '../runs/run-lock.js';
import { createTicks, type ScheduleConfig } from '../schedule/ticks.js';
import { buildPlan, type PlanFacts, type PlanSourceFacts } from './build-plan.js';
import { resolveScope } from './scope.js';
import type { Plan, RunScope } from './types.js';

export interface PlanOptions {
  store: Store;
  /** The configured sources, with the quota and SLA in force. */
  sources: readonly ResolvedSource[];
  scope: RunScope;
  now: Date;
  /** Requests left today per source, when a limiter knows better than the store's count. */
  remainingToday?: (source: string) => Promise<number | null>;
  defaultEstimate?: number;
  /** The configured schedule: partitions whose SLA lapses before its next tick are due now. */
  schedule?: ScheduleConfig;
  /**
   * The project root (the config's `rootDir`), which relative paths in source options mean
   * (SAM.gov's `ueiFile`); the working directory when unset.
   */
  rootDir?: string;
}

/** Reads what the plan depends on from the store, then builds it (see `buildPlan`). */
export async function plan(options: PlanOptions): Promise<Plan> {
  return buildPlan(await loadPlanFacts(options));
}

export async function loadPlanFacts(options: PlanOptions): Promise<PlanFacts> {
  const { store, now, scope } = options;
  const { partitions, problems, notes } = await resolveScope({
    sources: options.sources,
    scope,
    now,
    store,
    rootDir: options.rootDir,
  });
  const keysBySource = new Map<string, string[]>();
  let lastSource: string | null = null;
  let lastKeys: string[] = [];
  for (const partition of partitions) {
    // Partitions come grouped by source: look the list up only when the source changes.
    if (partition.source !== lastSource) {
      lastSource = partition.source;
      lastKeys = keysBySource.get(lastSource) ?? [];
      keysBySource.set(lastSource, lastKeys);
    }
    lastKeys.push(partition.key);
  }
  const inScope = options.sources.filter((s) => keysBySource.has(s.source.id));

  // One lean scan of each source's checkpoints serves both the plan and its SLA gaps.
  const [summaries, leases, sourceFacts] = await Promise.all([
    Promise.all(inScope.map((s) => store.listCheckpointSummaries(s.source.id))),
    // A dead local run's leases are free: the next run releases them as it starts.
    liveLeases(store, now),
    Promise.all(inScope.map((s) => sourceFactsOf(s, options))),
  ]);
  const gaps = await slaGapsByPartition({
    store,
    sources: inScope.map((s) => ({ id: s.source.id, slaMs: s.slaMs })),
    now,
    knownPartitions: keysBySource,
    freshness: new Map(inScope.map((s, i) => [s.source.id, summaries[i] ?? []])),
  });

  const wanted = new Set<string>();
  for (const partition of partitions) wanted.add(partition.key);
  const checkpoints = new Map<string, CheckpointSummary>();
  for (const list of summaries) {
    for (const summary of list) {
      if (wanted.has(summary.partitionKey)) checkpoints.set(summary.partitionKey, summary);
    }
  }
  // Most gaps are in scope (a full plan: all of them): drop the few that are not.
  for (const key of gaps.keys()) if (!wanted.has(key)) gaps.delete(key);
  return {
    now,
    scope,
    partitions,
    sources: new Map(sourceFacts.map((f) => [f.id, f])),
    checkpoints,
    leased: new Set(leases.filter((l) => l.partitionKey !== RUN_LOCK_KEY).map((l) => l.partitionKey)),
    gaps,
    problems,
    notes,
    nextTickAt: options.schedule ? createTicks(options.schedule).nextTick(now) : null,
    ...(options.defaultEstimate === undefined ? {} : { defaultEstimate: options.defaultEstimate }),
  };
}

async function sourceFactsOf(resolved: ResolvedSource, options: PlanOptions): Promise<PlanSourceFacts> {
  const { source, quota } = resolved;
  const usedToday = await options.store.quotaUsed(source.id, utcDay(options.now));
  const remaining = options.remainingToday ? await options.remainingToday(source.id) : undefined;
  // A limiter's view wins; the budget then reads as "used = budget - remaining".
  const used =
    remaining === undefined || remaining === null || quota.dailyBudget === null
      ? usedToday
      : Math.max(0, quota.dailyBudget - remaining);
  const estimateCalls = source.estimateCalls;
  return {
    id: source.id,
    sla: resolved.sla,
    slaMs: resolved.slaMs,
    dailyBudget: quota.dailyBudget,
    usedToday: used,
    ...(estimateCalls === undefined
      ? {}
      : { estimateCalls: (cohort: Cohort) => estimateCalls.call(source, cohort, source.options) }),
  };
}
