import type { Store } from '@freshet/core';
import type { PlanEntry } from '../planner/types.js';

/** What a run says about an SLA gap one of its partitions closed. */
export type SlaGapClosed = {
  partitionKey: string;
  reason: 'expired' | 'never_completed' | 'never_run';
  breachedSince: string | null;
  lastCompleteAtBefore: string | null;
  staleRecordsBefore: number;
  staleRecordsAfter: number;
  closedAt: string;
};

/**
 * The gap a completed partition closed, or null when it was within its SLA. Stale records
 * after are counted against the same SLA at the time the partition completed.
 */
export async function slaGapClosed(options: {
  store: Store;
  entry: PlanEntry;
  slaMs: number;
  completedAt: Date;
}): Promise<SlaGapClosed | null> {
  const { entry, completedAt } = options;
  const gap = entry.slaGap;
  if (gap === null) return null;
  const [rollup] = await options.store.ledgerRollup({
    staleBefore: new Date(completedAt.getTime() - options.slaMs),
    source: entry.source,
    partitionKeys: [entry.partitionKey],
  });
  return {
    partitionKey: entry.partitionKey,
    reason: gap.reason,
    breachedSince: gap.breachedSince,
    lastCompleteAtBefore: gap.lastCompleteAt,
    staleRecordsBefore: gap.staleRecords,
    staleRecordsAfter: rollup?.stale ?? 0,
    closedAt: completedAt.toISOString(),
  };
}
