import { ErrorCodes, isFreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { fixedClock, quota, useTestBed } from './test-support.js';

const bed = useTestBed();

describe('the daily budget, counted in the store both factories share', () => {
  const evening = fixedClock(new Date('2025-03-01T23:00:00Z'));

  it('rejects with QUOTA_EXHAUSTED once the two together spent it, running nothing', async () => {
    const store = await bed.store();
    const budget = quota({ dailyBudget: 3 });
    const [a, b] = [await bed.factory(), await bed.factory()];
    const first = a.create({ sourceId: 'sam_gov', quota: budget, store, clock: evening });
    const second = b.create({ sourceId: 'sam_gov', quota: budget, store, clock: evening });

    await first.schedule(async () => 1);
    await second.schedule(async () => 2);
    await first.schedule(async () => 3);

    let ran = 0;
    const results = await Promise.allSettled([
      first.schedule(async () => ran++),
      second.schedule(async () => ran++),
    ]);

    expect(ran).toBe(0);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const err = result.status === 'rejected' ? result.reason : undefined;
      expect(isFreshetError(err, ErrorCodes.QUOTA_EXHAUSTED)).toBe(true);
      if (!isFreshetError(err)) continue;
      expect(err.message).toContain('daily budget of 3 requests');
      expect(err.retryAt).toEqual(new Date('2025-03-02T00:00:00Z'));
    }
    for (const limiter of [first, second]) {
      expect(await limiter.usedToday()).toBe(3);
      expect(await limiter.remainingToday()).toBe(0);
    }
  });

  it('reports no remaining limit without a budget, and counts every request', async () => {
    const store = await bed.store();
    const limiter = (await bed.factory()).create({ sourceId: 'nih', quota: quota(), store, clock: evening });
    await limiter.schedule(async () => 1);
    await limiter.schedule(async () => 2);
    expect(await limiter.usedToday()).toBe(2);
    expect(await limiter.remainingToday()).toBeNull();
  });
});
