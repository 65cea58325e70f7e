import {
  type Checkpoint,
  type Cohort,
  listSlaGaps,
  type ResolvedSource,
  type SlaGap,
  type Store,
  utcDay,
} from '@freshet/core';
import { RUN_LOCK_KEY } from '../runs/run-lock.js';
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
}

/** Reads what the plan depends on from the store, then builds it (see `buildPlan`). */
export async function plan(options: PlanOptions): Promise<Plan> {
  return buildPlan(await loadPlanFacts(options));
}

export async function loadPlanFacts(options: PlanOptions): Promise<PlanFacts> {
  const { store, now, scope } = options;
  const { partitions, problems } = await resolveScope({ sources: options.sources, scope, now, store });
  const keysBySource = new Map<string, string[]>();
  for (const partition of partitions) {
    const keys = keysBySource.get(partition.source) ?? [];
    keys.push(partition.key);
    keysBySource.set(partition.source, keys);
  }
  const inScope = options.sources.filter((s) => keysBySource.has(s.source.id));

  const [checkpointList, leases, gapList, sourceFacts] = await Promise.all([
    partitions.length === 0
      ? Promise.resolve([] as Checkpoint[])
      : store.listCheckpoints({ partitionKeys: partitions.map((p) => p.key) }),
    store.listLeases(now),
    listSlaGaps({
      store,
      sources: inScope.map((s) => ({ id: s.source.id, slaMs: s.slaMs })),
      now,
      knownPartitions: keysBySource,
    }),
    Promise.all(inScope.map((s) => sourceFactsOf(s, options))),
  ]);

  const wanted = new Set(partitions.map((p) => p.key));
  const gaps = new Map<string, SlaGap>();
  for (const gap of gapList) if (wanted.has(gap.partitionKey)) gaps.set(gap.partitionKey, gap);
  return {
    now,
    scope,
    partitions,
    sources: new Map(sourceFacts.map((f) => [f.id, f])),
    checkpoints: new Map(checkpointList.map((c) => [c.partitionKey, c])),
    leased: new Set(leases.filter((l) => l.partitionKey !== RUN_LOCK_KEY).map((l) => l.partitionKey)),
    gaps,
    problems,
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
    dailyBudget: quota.dailyBudget,
    usedToday: used,
    ...(estimateCalls === undefined
      ? {}
      : { estimateCalls: (cohort: Cohort) => estimateCalls.call(source, cohort, source.options) }),
  };
}
