import type { Quota } from '../quota/types.js';
import type { PartitionWork } from './types.js';

/**
 * Partition slots a source gets when its configuration names none. A partition runs its slices
 * one after another, so `maxConcurrent` partitions keep every allowed request in flight; one more
 * covers the time a partition spends committing its slice instead of holding a request slot.
 */
export function defaultPartitionSlots(quota: Pick<Quota, 'maxConcurrent'>): number {
  return Math.max(1, quota.maxConcurrent) + 1;
}

/** One source's lane: its partitions in plan order and the slots it may fill. */
export interface Lane {
  source: string;
  slots: number;
  /** Indexes into the run's work list, in plan order. */
  queue: number[];
  head: number;
  inFlight: number;
}

/** Splits the plan into lanes, one per source, each keeping the plan's order. */
export function buildLanes(
  work: readonly PartitionWork[],
  slotsOf: (source: string) => number,
): Map<string, Lane> {
  const lanes = new Map<string, Lane>();
  for (const [index, item] of work.entries()) {
    const source = item.partition.source;
    let lane = lanes.get(source);
    if (!lane) {
      lane = { source, slots: Math.max(1, slotsOf(source)), queue: [], head: 0, inFlight: 0 };
      lanes.set(source, lane);
    }
    lane.queue.push(index);
  }
  return lanes;
}

export const hasQueued = (lane: Lane): boolean => lane.head < lane.queue.length;

/**
 * The lane whose next partition comes first in the plan, among lanes with a free slot. With no
 * run-wide cap every lane fills at once; under a cap the plan's order decides who goes first.
 */
export function nextLane(lanes: Iterable<Lane>): Lane | undefined {
  let best: Lane | undefined;
  for (const lane of lanes) {
    if (lane.inFlight >= lane.slots || !hasQueued(lane)) continue;
    if (!best || lane.queue[lane.head]! < best.queue[best.head]!) best = lane;
  }
  return best;
}
