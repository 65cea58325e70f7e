import { type ManualClock, manualClock } from './clock.js';

export interface HeldClock extends ManualClock {
  /** Ends the long sleeps waiting now, advancing the clock by what they asked for. */
  release(): void;
  /** How many long sleeps are waiting. */
  readonly held: number;
}

/**
 * A manual clock on which long sleeps (the daemon's wait for its next tick) wait until the
 * test releases them or their signal aborts, while short ones (a limiter spacing requests, a
 * retry's back-off) pass at once. The daemon then sits still between ticks, as a real one
 * does, without the test waiting on real time.
 */
export function heldClock(start?: Date | string, longMs = 1000): HeldClock {
  const clock = manualClock(start);
  const waiting = new Set<() => void>();
  return {
    ...clock,
    sleep: (ms, signal) => {
      if (ms < longMs) return clock.sleep(ms, signal);
      return new Promise<void>((resolve, reject) => {
        signal?.throwIfAborted();
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          waiting.delete(wake);
          clock.advance(ms);
          resolve();
        };
        const onAbort = () => {
          waiting.delete(wake);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.add(wake);
      });
    },
    release() {
      for (const wake of [...waiting]) wake();
    },
    get held() {
      return waiting.size;
    },
  };
}
