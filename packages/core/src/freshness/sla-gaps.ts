import type { PartitionFreshness, Store } from '../store/types.js';

export type SlaGapReason = 'expired' | 'never_completed' | 'never_run';

/** One partition in breach of its source's SLA. */
export interface SlaGap {
  partitionKey: string;
  source: string;
  reason: SlaGapReason;
  /**
   * When the partition fell out of its SLA: last completion + SLA, or the first start of a
   * partition that never completed. Null for a partition that never ran.
   */
  breachedSince: Date | null;
  lastCompleteAt: Date | null;
  /** Ledger records of the partition whose last success is older than the SLA allows. */
  staleRecords: number;
}

export interface SlaGapQuery {
  store: Store;
  sources: ReadonlyArray<{ id: string; slaMs: number }>;
  now: Date;
  /** Partitions the sources list (configured range); those without a checkpoint are `never_run`. */
  knownPartitions?: ReadonlyMap<string, readonly string[]>;
  /**
   * Each source's checkpoints as `listPartitionFreshness` (or `listCheckpointSummaries`) returned
   * them, when the caller has read them already; sources missing here are read from the store.
   */
  freshness?: ReadonlyMap<string, readonly PartitionFreshness[]>;
}

/**
 * Lists the SLA gaps, most overdue first (never-run partitions last, in key order).
 * One checkpoint scan and one grouped ledger count per source.
 */
export async function listSlaGaps(query: SlaGapQuery): Promise<SlaGap[]> {
  return [...(await slaGapsByPartition(query)).values()].sort(byMostOverdue);
}

/** The SLA gaps by partition key, in no particular order: for callers that look gaps up. */
export async function slaGapsByPartition(query: SlaGapQuery): Promise<Map<string, SlaGap>> {
  const gaps = new Map<string, SlaGap>();
  for (const { id, slaMs } of query.sources) {
    const staleBefore = new Date(query.now.getTime() - slaMs);
    const known = query.freshness?.get(id);
    const [checkpoints, stale] = await Promise.all([
      known ?? query.store.listPartitionFreshness(id),
      query.store.staleCounts(id, staleBefore),
    ]);
    const seen = new Set<string>();
    for (const checkpoint of checkpoints) {
      seen.add(checkpoint.partitionKey);
      const gap = gapOf(checkpoint, id, staleBefore, slaMs, stale.get(checkpoint.partitionKey) ?? 0);
      if (gap) gaps.set(checkpoint.partitionKey, gap);
    }
    for (const partitionKey of query.knownPartitions?.get(id) ?? []) {
      if (seen.has(partitionKey)) continue;
      gaps.set(partitionKey, {
        partitionKey,
        source: id,
        reason: 'never_run',
        breachedSince: null,
        lastCompleteAt: null,
        staleRecords: stale.get(partitionKey) ?? 0,
      });
    }
  }
  return gaps;
}

function gapOf(
  checkpoint: PartitionFreshness,
  source: string,
  staleBefore: Date,
  slaMs: number,
  staleRecords: number,
): SlaGap | null {
  if (checkpoint.lastCompleteAt === null) {
    return {
      partitionKey: checkpoint.partitionKey,
      source,
      staleRecords,
      reason: 'never_completed',
      breachedSince: checkpoint.startedAt,
      lastCompleteAt: null,
    };
  }
  const lastCompleteMs = checkpoint.lastCompleteAt.getTime();
  if (lastCompleteMs >= staleBefore.getTime()) return null;
  return {
    partitionKey: checkpoint.partitionKey,
    source,
    staleRecords,
    reason: 'expired',
    breachedSince: new Date(lastCompleteMs + slaMs),
    lastCompleteAt: checkpoint.lastCompleteAt,
  };
}

/**
 * Most overdue first, never-run partitions last; ties by partition key in code-unit order,
 * which is the store's (binary) order too and does not change with the process's locale.
 */
export function byMostOverdue(a: SlaGap, b: SlaGap): number {
  if (a.breachedSince && b.breachedSince) {
    const since = a.breachedSince.getTime() - b.breachedSince.getTime();
    if (since !== 0) return since;
  } else if (a.breachedSince) {
    return -1;
  } else if (b.breachedSince) {
    return 1;
  }
  return a.partitionKey < b.partitionKey ? -1 : a.partitionKey > b.partitionKey ? 1 : 0;
}
