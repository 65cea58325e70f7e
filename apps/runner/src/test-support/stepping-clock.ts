import type { ManualClock } from './clock.js';
import { manualClock } from './clock.js';

/**
 * A manual clock whose `sleep` advances it at once but yields to the event loop first, so a
 * loop that sleeps between ticks (the daemon) lets sockets and timers run between them instead
 * of starving them with microtasks. Never waits for real time.
 */
export function steppingClock(start?: Date | string): ManualClock {
  const clock = manualClock(start);
  return {
    ...clock,
    sleep: async (ms, signal) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      clock.advance(Math.max(0, ms));
    },
  };
}
