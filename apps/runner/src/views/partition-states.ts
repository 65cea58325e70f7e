import type { PartitionFreshness } from '@freshet/core';

/** What the source page shows per partition. */
export type PartitionState = 'fresh' | 'stale' | 'failed' | 'running' | 'never_run';

export const PARTITION_STATES: readonly PartitionState[] = [
  'fresh',
  'stale',
  'failed',
  'running',
  'never_run',
];

export const STATE_LABELS: Record<PartitionState, string> = {
  fresh: 'fresh',
  stale: 'stale',
  failed: 'failed',
  running: 'running',
  never_run: 'never run',
};

/** Which state a bucket of several partitions shows: the one that most needs a look. */
export const STATE_PRIORITY: readonly PartitionState[] = ['failed', 'running', 'stale', 'never_run', 'fresh'];

export interface PartitionCell {
  key: string;
  state: PartitionState;
  lastCompleteAt: string | null;
}

/**
 * Classifies partitions the way the planner sees them: a live lease is `running`; no
 * checkpoint is `never_run`; a failed checkpoint, or a `running` one nobody holds (its run
 * died; the next run resumes it) is `failed`; a complete one is `fresh` within its SLA and
 * `stale` past it.
 */
export function classifyPartitions(input: {
  keys: readonly string[];
  freshness: readonly PartitionFreshness[];
  leased: ReadonlySet<string>;
  now: Date;
  slaMs: number;
}): PartitionCell[] {
  const byKey = new Map(input.freshness.map((f) => [f.partitionKey, f]));
  const staleBefore = input.now.getTime() - input.slaMs;
  return input.keys.map((key) => {
    const f = byKey.get(key);
    const lastCompleteAt = f?.lastCompleteAt?.toISOString() ?? null;
    let state: PartitionState;
    if (input.leased.has(key)) state = 'running';
    else if (f === undefined) state = 'never_run';
    else if (f.status !== 'complete') state = 'failed';
    else state = (f.lastCompleteAt?.getTime() ?? 0) >= staleBefore ? 'fresh' : 'stale';
    return { key, state, lastCompleteAt };
  });
}

export type StateCounts = Record<PartitionState, number>;

export function countStates(cells: readonly PartitionCell[]): StateCounts {
  const counts: StateCounts = { fresh: 0, stale: 0, failed: 0, running: 0, never_run: 0 };
  for (const cell of cells) counts[cell.state] += 1;
  return counts;
}

/** One segment of the partition bar: a run of neighbouring partitions. */
export interface Bucket {
  /** Index of the first partition in the segment, and one past the last. */
  from: number;
  to: number;
  firstKey: string;
  lastKey: string;
  state: PartitionState;
  counts: StateCounts;
}

/**
 * Folds any number of partitions into at most `max` segments, each showing its most
 * urgent state, so 100,000 partitions draw as a bar of a few hundred elements.
 */
export function bucketize(cells: readonly PartitionCell[], max: number): Bucket[] {
  if (cells.length === 0) return [];
  const size = Math.ceil(cells.length / Math.max(1, max));
  const buckets: Bucket[] = [];
  for (let from = 0; from < cells.length; from += size) {
    const to = Math.min(cells.length, from + size);
    const counts = countStates(cells.slice(from, to));
    buckets.push({
      from,
      to,
      firstKey: cells[from]!.key,
      lastKey: cells[to - 1]!.key,
      state: STATE_PRIORITY.find((s) => counts[s] > 0) ?? 'fresh',
      counts,
    });
  }
  return buckets;
}
