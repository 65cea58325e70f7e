import { ErrorCodes, type PartitionResult, type Store } from '@freshet/core';
import type { PlanEntry } from '../../planner/types.js';
import type { SlaGapClosed } from '../sla-gap-closed.js';

/** A partition's result as the run's partition row. */
export function saveResult(
  store: Store,
  runId: string,
  result: PartitionResult,
  closed: SlaGapClosed | null,
): Promise<void> {
  return store.saveRunPartition({
    runId,
    partitionKey: result.partitionKey,
    status: result.outcome,
    counts: result.counts,
    retries: result.retries,
    durationMs: result.durationMs,
    error: result.error,
    slaGapClosed: closed,
  });
}

/** A partition the daily quota deferred, with the plan's note on when it runs. */
export function saveDeferred(store: Store, runId: string, entry: PlanEntry): Promise<void> {
  return store.saveRunPartition({
    runId,
    partitionKey: entry.partitionKey,
    status: 'deferred',
    counts: { slices: 0, written: 0, unchanged: 0, failed: 0, notFound: 0, apiCalls: 0 },
    retries: 0,
    durationMs: 0,
    error: { code: ErrorCodes.QUOTA_EXHAUSTED, message: entry.note ?? 'does not fit the daily quota' },
    slaGapClosed: null,
  });
}
