import { describe, expect, it } from 'vitest';
import { captureLogger, deleteKeys, useTestBed } from './test-support.js';

const bed = useTestBed();

describe('Redis back without its keys (a restart with nothing kept)', () => {
  it('starts the source again and goes on: its keys are written anew, each request counted once', async () => {
    const logger = captureLogger();
    const limiter = await bed.limiter({ logger }, { logger });
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
