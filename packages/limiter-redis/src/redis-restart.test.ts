import { afterEach, describe, expect, it } from 'vitest';
import { captureLogger, deleteKeys, quota, testBed } from './test-support.js';

let bed = testBed();
afterEach(async () => {
  await bed.cleanup();
  bed = testBed();
});

describe('Redis back without its keys (a restart with nothing kept)', () => {
  it('starts the source again and goes on: its keys are written anew, each request counted once', async () => {
    const logger = captureLogger();
    const store = await bed.store();
    const limiter = (await bed.factory({ logger })).create({
      sourceId: 'nih',
      quota: quota(),
      store,
      logger,
    });
    expect(await limiter.schedule(async () => 'before')).toBe('before');

    // What a Redis restart leaves: none of the source's Bottleneck keys.
    await deleteKeys([`b_${bed.prefix}:*`]);

    const after = await Promise.all([1, 2, 3].map((n) => limiter.schedule(async () => n)));
    expect(after).toEqual([1, 2, 3]);
    expect(logger.text()).toContain(
      'shared limiter keys were gone from Redis (a restart): starting it again',
    );
    expect(await limiter.usedToday()).toBe(4);
  });
});
