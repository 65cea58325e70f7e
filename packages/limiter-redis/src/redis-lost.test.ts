import { ErrorCodes } from '@freshet/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  captureLogger,
  eventually,
  holdSlot,
  quota,
  type RedisProxy,
  startRedisProxy,
  useTestBed,
} from './test-support.js';

const bed = useTestBed();
let proxy: RedisProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/**
 * Short timeouts, so a slot whose end never reached Redis comes back within the test: the job's
 * expiration is 2 × 200 ms + 2 s of margin (see settings.ts).
 */
const quick = (maxConcurrent: number) =>
  quota({ maxConcurrent, timeoutMs: 200, retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 50 } });

const logged = (logger: ReturnType<typeof captureLogger>, message: string) =>
  logger.lines.some((line) => line.message === message);

describe('Redis lost while working (a proxy in between, cut and restored)', () => {
  it('rejects with LIMITER_UNAVAILABLE and sends nothing while down, and works again once back', async () => {
    proxy = await startRedisProxy();
    const logger = captureLogger();
    const limiter = await bed.limiter({ quota: quota({ maxConcurrent: 1 }) }, { url: proxy.url, logger });
    await expect(limiter.schedule(async () => 'before')).resolves.toBe('before');

    // One request in flight holds the only slot; a second waits for it.
    const inFlight = holdSlot(limiter, 'finished anyway');
    await inFlight.started;
    let calls = 0;
    const waiting = limiter.schedule(async () => {
      calls++;
    });

    await proxy.cut();
    await eventually(() => logged(logger, 'shared limiter lost Redis'), 5000, 'the loss being noticed');
    await expect(waiting).rejects.toMatchObject({ code: ErrorCodes.LIMITER_UNAVAILABLE });
    const down = await limiter
      .schedule(async () => {
        calls++;
      })
      .catch((e: unknown) => e);
    expect(down).toMatchObject({ code: ErrorCodes.LIMITER_UNAVAILABLE });
    expect((down as Error).message).toContain(`cannot reach Redis at ${proxy.url}`);
    expect((down as Error).message).toContain('the request was not sent');
    // A request already out is not the limiter's to cancel: its outcome reaches its caller.
    inFlight.release();
    await expect(inFlight.running).resolves.toBe('finished anyway');
    expect(calls).toBe(0);

    await proxy.restore();
    await eventually(() => logged(logger, 'shared limiter reconnected'), 10_000, 'the reconnection');
    // The request that ended while Redis was away gives its only slot back on reconnecting, not
    // at its expiration (4 s with this quota: 2 × 1 s + 2 s).
    const back = Date.now();
    await expect(limiter.schedule(async () => 'after')).resolves.toBe('after');
    expect(Date.now() - back).toBeLessThan(2500);
  });

  it("gives a slot whose end never reached Redis (a worker killed mid-request) back after the job's expiration", async () => {
    proxy = await startRedisProxy();
    const store = await bed.store();
    const doomed = await bed.limiter({ quota: quick(1), store }, { url: proxy.url });
    const survivor = await bed.limiter({ quota: quick(1), store });

    const lost = holdSlot(doomed);
    await lost.started;
    const heldAt = Date.now();
    await proxy.cut(); // its process is gone as far as Redis can tell: it will never free the slot

    const ranAt = await survivor.schedule(async () => Date.now());
    const expirationMs = 2 * 200 + 1 + 2000;
    expect(ranAt - heldAt).toBeGreaterThanOrEqual(expirationMs - 100);
    // Within a heartbeat (1 s) of the expiry, plus slack for a loaded machine.
    expect(ranAt - heldAt).toBeLessThan(expirationMs + 2500);
    lost.release();
    await lost.running;
  });

  it('notices a Redis that stops answering (no close), fails waiting work, and recovers', async () => {
    proxy = await startRedisProxy();
    const logger = captureLogger();
    const limiter = await bed.limiter({ quota: quick(2) }, { url: proxy.url, logger });
    await expect(limiter.schedule(async () => 'before')).resolves.toBe('before');

    proxy.freeze();
    let calls = 0;
    const began = Date.now();
    const stalled = await limiter
      .schedule(async () => {
        calls++;
      })
      .catch((e: unknown) => e);
    expect(stalled).toMatchObject({ code: ErrorCodes.LIMITER_UNAVAILABLE });
    // The command timeout (3 s), not the operating system's minutes of TCP retries.
    expect(Date.now() - began).toBeLessThan(5000);
    expect(calls).toBe(0);
    await eventually(() => logged(logger, 'shared limiter lost Redis'), 5000, 'the loss being noticed');

    await proxy.restore();
    await eventually(() => logged(logger, 'shared limiter reconnected'), 10_000, 'the reconnection');
    await expect(limiter.schedule(async () => 'after')).resolves.toBe('after');
  });

  it('a factory closed refuses work with LIMITER_UNAVAILABLE', async () => {
    const factory = await bed.factory();
    const limiter = factory.create({ sourceId: 'nih', quota: quota(), store: await bed.store() });
    await factory.close();
    await expect(limiter.schedule(async () => 1)).rejects.toMatchObject({
      code: ErrorCodes.LIMITER_UNAVAILABLE,
      message: expect.stringContaining('the limiter factory is closed'),
    });
  });
});
