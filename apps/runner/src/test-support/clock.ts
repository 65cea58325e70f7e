import type { Clock } from '@freshet/core';

export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** A clock that only moves when told to; `sleep` advances it instead of waiting. */
export function manualClock(start: Date | string = '2025-03-20T12:00:00Z'): ManualClock {
  let ms = new Date(start).getTime();
  return {
    now: () => new Date(ms),
    sleep: async (delay, signal) => {
      signal?.throwIfAborted();
      ms += Math.max(0, delay);
    },
    set: (at) => {
      ms = new Date(at).getTime();
    },
    advance: (delay) => {
      ms += delay;
    },
  };
}
