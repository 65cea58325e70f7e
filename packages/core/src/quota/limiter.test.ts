import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorCodes, isFreshetError } from '../errors.js';
import { createLimiter } from './limiter.js';
import type { Limiter } from './limiter-types.js';
import { deferred, holdSlot, jumpingClock, maxInWindow, memoryQuotaStore } from './test-fakes.js';
import type { Quota } from './types.js';

const retry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 };

function quota(overrides: Partial<Quota> = {}): Quota {
  return {
    maxConcurrent: 2,
    requestsPerInterval: 1000,
    intervalMs: 1000,
    dailyBudget: null,
    timeoutMs: 1000,
    retry,
    ...overrides,
  };
}

const limiters: Limiter[] = [];
function track(limiter: Limiter): Limiter {
  limiters.push(limiter);
  return limiter;
}

afterEach(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.stop()));
});

describe('createLimiter: rate and concurrency', () => {
  it('never starts more than requestsPerInterval in any sliding window, nor runs more than maxConcurrent', async () => {
    const store = memoryQuotaStore();
    const limiter = track(
      createLimiter({
        sourceId: 'nih',
        quota: quota({ maxConcurrent: 3, requestsPerInterval: 10, intervalMs: 200 }),
        store,
      }),
    );
    const starts: number[] = [];
    let active = 0;
    let maxActive = 0;
    const task = async () => {
      starts.push(Date.now());
      active++;
      maxActive = Math.max(maxActive, active);
      await delay(5 + Math.floor(Math.random() * 35));
      active--;
    };

    await Promise.all(Array.from({ length: 35 }, () => limiter.schedule(task)));

    expect(starts).toHaveLength(35);
    expect(maxActive).toBeLessThanOrEqual(3);
    expect(maxInWindow(starts, 200)).toBeLessThanOrEqual(10);
    expect(await limiter.usedToday()).toBe(35);
  });
});

describe('createLimiter: spacing from when a request went out', () => {
  it('spaces the next start from the moment the last request was dispatched, when that came late', async () => {
    const clock = jumpingClock(new Date('2025-03-20T12:00:00Z'));
    const limiter = track(
      createLimiter({
        sourceId: 'nih',
        quota: quota({ maxConcurrent: 1, requestsPerInterval: 1, intervalMs: 1000 }),
        store: memoryQuotaStore(),
        clock,
      }),
    );
    const t0 = clock.now().getTime();
    const starts: number[] = [];
    // The first request goes out 300 ms after its recorded start: the event loop was busy
    // with another partition's commit in between.
    const late = async (dispatched: () => void) => {
      starts.push(clock.now().getTime());
      clock.set(new Date(clock.now().getTime() + 300));
      dispatched();
    };
    const onTime = async () => {
      starts.push(clock.now().getTime());
    };
    await limiter.schedule(late);
    await limiter.schedule(onTime);
    expect(starts[0]).toBe(t0);
    expect(starts[1]! - (t0 + 300)).toBeGreaterThanOrEqual(1000);
  });
});

describe('createLimiter: nothing due', () => {
  it('starts requests without waiting for a timer while the source is under its concurrency and rate', async () => {
    vi.useFakeTimers();
    try {
      const limiter = track(
        createLimiter({
          sourceId: 'bench',
          quota: quota({ maxConcurrent: 2, requestsPerInterval: 1_000_000 }),
          store: memoryQuotaStore(),
        }),
      );
      // Fake timers never fire unless advanced: settling proves that no timer stood in the way.
      await expect(
        Promise.all([limiter.schedule(async () => 'a'), limiter.schedule(async () => 'b')]),
      ).resolves.toEqual(['a', 'b']);
      await expect(limiter.schedule(async () => 'c')).resolves.toBe('c');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('createLimiter: daily budget', () => {
  const evening = new Date('2025-03-01T23:00:00Z');

  it('rejects with QUOTA_EXHAUSTED, naming the budget and the reset, without running the task', async () => {
    const store = memoryQuotaStore();
    const clock = jumpingClock(evening);
    const limiter = track(
      createLimiter({ sourceId: 'sam_gov', quota: quota({ dailyBudget: 3 }), store, clock }),
    );
    for (let i = 0; i < 3; i++) await limiter.schedule(async () => i);

    let ran = false;
    const err = await limiter
      .schedule(async () => {
        ran = true;
      })
      .catch((e: unknown) => e);

    expect(ran).toBe(false);
    expect(isFreshetError(err, ErrorCodes.QUOTA_EXHAUSTED)).toBe(true);
    if (!isFreshetError(err)) return;
    expect(err.message).toContain('daily budget of 3 requests');
    expect(err.message).toContain('2025-03-02T00:00:00.000Z');
    expect(err.retryAt).toEqual(new Date('2025-03-02T00:00:00Z'));
    expect(await limiter.usedToday()).toBe(3);
    expect(await limiter.remainingToday()).toBe(0);
  });

  it('keeps the count in the store, so a new limiter on the same store is still exhausted', async () => {
    const store = memoryQuotaStore();
    const clock = jumpingClock(evening);
    const first = track(
      createLimiter({ sourceId: 'sam_gov', quota: quota({ dailyBudget: 2 }), store, clock }),
    );
    await first.schedule(async () => 1);
    await first.schedule(async () => 2);
    await first.stop();

    const second = track(
      createLimiter({ sourceId: 'sam_gov', quota: quota({ dailyBudget: 2 }), store, clock }),
    );
    let ran = false;
    await expect(
      second.schedule(async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: ErrorCodes.QUOTA_EXHAUSTED });
    expect(ran).toBe(false);
    expect(await second.remainingToday()).toBe(0);

    clock.set(new Date('2025-03-02T00:00:01Z'));
    await expect(second.schedule(async () => 'tomorrow')).resolves.toBe('tomorrow');
    expect(await second.usedToday()).toBe(1);
  });

  it('counts every request even without a budget, and reports no remaining limit', async () => {
    const store = memoryQuotaStore();
    const limiter = track(createLimiter({ sourceId: 'nih', quota: quota(), store }));
    await limiter.schedule(async () => 1);
    await limiter.schedule(async () => 2);
    expect(await limiter.usedToday()).toBe(2);
    expect(await limiter.remainingToday()).toBeNull();
  });
});

describe('createLimiter: pauseUntil', () => {
  it('holds later tasks and tasks already queued until the pause ends', async () => {
    const limiter = track(
      createLimiter({ sourceId: 'nih', quota: quota({ maxConcurrent: 1 }), store: memoryQuotaStore() }),
    );
    const gate = deferred();
    const first = limiter.schedule(() => gate.promise);
    const startedAt: number[] = [];
    const queued = limiter.schedule(async () => startedAt.push(Date.now()));

    const pauseEnd = Date.now() + 150;
    limiter.pauseUntil(new Date(pauseEnd));
    gate.resolve();
    await first;
    const later = limiter.schedule(async () => startedAt.push(Date.now()));
    await Promise.all([queued, later]);

    expect(startedAt).toHaveLength(2);
    for (const at of startedAt) expect(at).toBeGreaterThanOrEqual(pauseEnd);
  });

  it('extends the wait of a task already waiting for its start slot', async () => {
    // One start per 100 ms: the second task sleeps for its slot when the pause arrives.
    const limiter = track(
      createLimiter({
        sourceId: 'patentsview',
        quota: quota({ requestsPerInterval: 1, intervalMs: 100 }),
        store: memoryQuotaStore(),
      }),
    );
    await limiter.schedule(async () => undefined);
    const waiting = limiter.schedule(async () => Date.now());
    await delay(20);
    const pauseEnd = Date.now() + 250;
    limiter.pauseUntil(new Date(pauseEnd));
    expect(await waiting).toBeGreaterThanOrEqual(pauseEnd);
  });
});

describe('createLimiter: abort and stop', () => {
  it('rejects a queued task with ABORTED when its signal fires, without running or counting it', async () => {
    const store = memoryQuotaStore();
    const limiter = track(createLimiter({ sourceId: 'nih', quota: quota({ maxConcurrent: 1 }), store }));
    const gate = deferred();
    const first = limiter.schedule(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const second = limiter.schedule(async () => {
      ran = true;
    }, controller.signal);

    controller.abort();
    await expect(second).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
    gate.resolve();
    await first;
    await limiter.schedule(async () => undefined);
    expect(ran).toBe(false);
    expect(await limiter.usedToday()).toBe(2);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = track(createLimiter({ sourceId: 'nih', quota: quota(), store: memoryQuotaStore() }));
    await expect(limiter.schedule(async () => 1, AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCodes.ABORTED,
    });
  });

  it('lets a running task finish when its signal fires after it started', async () => {
    const limiter = track(createLimiter({ sourceId: 'nih', quota: quota(), store: memoryQuotaStore() }));
    const controller = new AbortController();
    const held = holdSlot(limiter, 'done', controller.signal);
    // Wait for the task itself, not a fixed delay: on a loaded machine 10 ms may not be enough.
    await held.started;
    controller.abort();
    held.release();
    await expect(held.running).resolves.toBe('done');
  });

  it('stop() rejects waiting tasks with ABORTED, waits for running ones and refuses new work', async () => {
    const limiter = createLimiter({
      sourceId: 'nih',
      quota: quota({ maxConcurrent: 1 }),
      store: memoryQuotaStore(),
    });
    const held = holdSlot(limiter, 'finished');
    const waiting = limiter.schedule(async () => 'never');
    await held.started;

    const stopped = limiter.stop();
    await expect(waiting).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
    held.release();
    await expect(held.running).resolves.toBe('finished');
    await stopped;
    await expect(limiter.schedule(async () => 1)).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
  });

  it("passes the task's own error through unchanged", async () => {
    const limiter = track(createLimiter({ sourceId: 'nih', quota: quota(), store: memoryQuotaStore() }));
    const boom = new Error('boom');
    await expect(limiter.schedule(() => Promise.reject(boom))).rejects.toBe(boom);
  });
});
