import { type Clock, systemClock } from '@freshet/core';

export interface ShiftClock extends Clock {
  /** Jumps ahead (ages every partition by `ms`). */
  advance(ms: number): void;
}

/**
 * Real time from `start` on: runs take real durations and leases expire as they would, and
 * `advance` ages what the store holds without waiting (to make partitions stale).
 */
export function shiftClock(start: string): ShiftClock {
  let offset = new Date(start).getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    sleep: systemClock.sleep,
    advance: (ms) => {
      offset += ms;
    },
  };
}
