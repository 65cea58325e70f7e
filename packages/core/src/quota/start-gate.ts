import type { Clock } from '../clock.js';

/**
 * Lets request starts through one at a time, at least `minTimeMs` apart and never before a
 * pause ends. Callers pass in turn and the spacing is checked at the moment a task really
 * starts, so it stays exact however late a timer fires; a caller that is not due sleeps, one
 * that is due goes through without a timer.
 */
export interface StartGate {
  /**
   * Waits for this caller's turn, then runs `admit` while holding the gate. The start is
   * recorded only when `admit` returns true, so a refused start does not use up a slot.
   */
  pass(admit: () => Promise<boolean>, signal: AbortSignal): Promise<boolean>;
  /**
   * The last start really went out at `atMs`: later than recorded when the event loop was held
   * up in between. The next start is spaced from whichever is later.
   */
  markDispatched(atMs: number): void;
  pauseUntil(until: Date): void;
  pausedUntil(): Date | null;
}

export function createStartGate(minTimeMs: number, clock: Clock): StartGate {
  let tail: Promise<unknown> = Promise.resolve();
  let lastStart = Number.NEGATIVE_INFINITY;
  // Above 1,000 requests a second, spacing is finer than the clock: count starts per millisecond.
  const startsPerMs = minTimeMs > 0 && minTimeMs < 1 ? Math.floor(1 / minTimeMs) : Number.POSITIVE_INFINITY;
  let startsAtLast = 0;
  let pausedUntilMs = Number.NEGATIVE_INFINITY;

  async function waitForTurn(signal: AbortSignal): Promise<void> {
    // Loop: a pause may be set or extended while this caller sleeps.
    for (;;) {
      signal.throwIfAborted();
      const now = clock.now().getTime();
      let due = pausedUntilMs;
      if (minTimeMs >= 1) due = Math.max(due, lastStart + minTimeMs);
      else if (now === lastStart && startsAtLast >= startsPerMs) due = Math.max(due, lastStart + 1);
      if (now >= due) return;
      await clock.sleep(due - now, signal);
    }
  }

  return {
    pass(admit, signal) {
      const turn = tail.then(async () => {
        await waitForTurn(signal);
        const admitted = await admit();
        if (admitted) {
          const now = clock.now().getTime();
          startsAtLast = now === lastStart ? startsAtLast + 1 : 1;
          lastStart = now;
        }
        return admitted;
      });
      tail = turn.catch(() => undefined);
      return turn;
    },
    markDispatched(atMs) {
      // Below 1 ms the gate counts starts per millisecond; moving the last start would miscount.
      if (minTimeMs >= 1) lastStart = Math.max(lastStart, atMs);
    },
    pauseUntil(until) {
      pausedUntilMs = Math.max(pausedUntilMs, until.getTime());
    },
    pausedUntil() {
      return pausedUntilMs > clock.now().getTime() ? new Date(pausedUntilMs) : null;
    },
  };
}
