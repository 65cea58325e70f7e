import { afterEach, describe, expect, it, vi } from 'vitest';
import { FREEZE_MS, startFreezeWatch } from './freeze-watch.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('startFreezeWatch', () => {
  it('tells a job queued before the process stood still from one queued after', () => {
    vi.useFakeTimers();
    let now = 1_000_000;
    const watch = startFreezeWatch(() => now);
    const queuedBefore = now;
    for (let i = 0; i < 5; i++) {
      now += 100;
      vi.advanceTimersByTime(100);
    }
    expect(watch.frozeSince(queuedBefore)).toBe(false);

    // Stopped for 3 s: on waking, before the watch's next tick has run…
    now += 3000;
    expect(watch.frozeSince(queuedBefore)).toBe(true);
    // …and after it.
    vi.advanceTimersByTime(100);
    expect(watch.frozeSince(queuedBefore)).toBe(true);
    const queuedAfter = now + 1;
    now += 100;
    vi.advanceTimersByTime(100);
    expect(watch.frozeSince(queuedAfter)).toBe(false);
    // A busy tick shorter than a freeze is not one.
    now += FREEZE_MS - 50;
    vi.advanceTimersByTime(100);
    expect(watch.frozeSince(queuedAfter)).toBe(false);
    watch.stop();
  });
});
