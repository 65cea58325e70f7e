import type { RunPartitionRow, Store } from '@freshet/core';
import type { PlanEntry } from '../planner/types.js';

/** Results that end a partition's part in a run; `locked` and `interrupted` leave it to be taken again. */
const FINAL: ReadonlySet<RunPartitionRow['status']> = new Set(['complete', 'failed', 'skipped', 'deferred']);

export function isFinal(status: RunPartitionRow['status']): boolean {
  return FINAL.has(status);
}

/**
 * The entries of a shared run no worker has finished: no final result stored, and no checkpoint
 * completed in this run (its holder may have died between the commit and storing the result).
 */
export async function remainingEntries(
  store: Store,
  runId: string,
  entries: readonly PlanEntry[],
): Promise<PlanEntry[]> {
  const rows = await store.listRunPartitions(runId);
  const finished = new Set(rows.filter((r) => isFinal(r.status)).map((r) => r.partitionKey));
  const open = entries.filter((e) => !finished.has(e.partitionKey));
  if (open.length === 0) return [];
  const checkpoints = await store.listCheckpoints({ partitionKeys: open.map((e) => e.partitionKey) });
  const completedHere = new Set(
    checkpoints.filter((c) => c.status === 'complete' && c.runId === runId).map((c) => c.partitionKey),
  );
  return open.filter((e) => !completedHere.has(e.partitionKey));
}
