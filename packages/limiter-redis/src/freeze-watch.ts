/** How often the watch looks at the clock; a gap well beyond it means the process stood still. */
const TICK_MS = 100;
/** A gap this long between ticks is a freeze (SIGSTOP, a long GC pause, a suspended VM). */
export const FREEZE_MS = 500;

export interface FreezeWatch {
  /**
   * True when the process stood still since `since` (a time from `Date.now()`), or is only now
   * waking from a freeze its ticks have not seen yet.
   */
  frozeSince(since: number): boolean;
  stop(): void;
}

/**
 * Notices when this process stood still. A job Bottleneck granted before a freeze runs on its
 * local timer the moment the process wakes, though the other processes have taken the starts
 * since (and its slot may have expired): sent then, it would break the shared rate.
 */
export function startFreezeWatch(now: () => number = Date.now): FreezeWatch {
  let lastTick = now();
  let lastFreezeEnd = Number.NEGATIVE_INFINITY;
  const timer = setInterval(() => {
    const at = now();
    if (at - lastTick > FREEZE_MS) lastFreezeEnd = at;
    lastTick = at;
  }, TICK_MS);
  timer.unref();
  return {
    frozeSince(since) {
      return now() - lastTick > FREEZE_MS || lastFreezeEnd >= since;
    },
    stop: () => clearInterval(timer),
  };
}
