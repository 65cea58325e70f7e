import { ErrorCodes } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { holdSlot, quota, useTestBed } from './test-support.js';

const bed = useTestBed();

describe('abort and stop', () => {
  it('rejects a waiting task with ABORTED when its signal fires, without running it (its request stays counted)', async () => {
    const limiter = await bed.limiter({ quota: quota({ maxConcurrent: 1 }) });
    const first = holdSlot(limiter);
    await first.started;
    const controller = new AbortController();
    let ran = false;
    const second = limiter.schedule(async () => {
      ran = true;
    }, controller.signal);
    // The budget is counted before a job queues (see limiter.ts): a waiting job has its count.
    while ((await limiter.usedToday()) < 2) await new Promise((resolve) => setTimeout(resolve, 5));

    controller.abort();
    await expect(second).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
    first.release();
    await first.running;
    await limiter.schedule(async () => undefined);
    expect(ran).toBe(false);
    // Counted, never sent: the budget errs on the safe side, never under the requests sent.
    expect(await limiter.usedToday()).toBe(3);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = await bed.limiter();
    await expect(limiter.schedule(async () => 1, AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCodes.ABORTED,
    });
  });

  it('lets a running task finish when its signal fires after it started', async () => {
    const limiter = await bed.limiter();
    const controller = new AbortController();
    const held = holdSlot(limiter, 'done', controller.signal);
    await held.started;
    controller.abort();
    held.release();
    await expect(held.running).resolves.toBe('done');
  });

  it('stop() rejects waiting tasks with ABORTED, waits for running ones and refuses new work', async () => {
    const limiter = await bed.limiter({ quota: quota({ maxConcurrent: 1 }) });
    const held = holdSlot(limiter, 'finished');
    let ran = false;
    const waiting = limiter.schedule(async () => {
      ran = true;
    });
    await held.started;

    const stopped = limiter.stop();
    await expect(waiting).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
    held.release();
    await expect(held.running).resolves.toBe('finished');
    await stopped;
    await expect(limiter.schedule(async () => 1)).rejects.toMatchObject({ code: ErrorCodes.ABORTED });
    expect(ran).toBe(false);
  });

  it("passes the task's own error through unchanged", async () => {
    const limiter = await bed.limiter();
    const boom = new Error('boom');
    await expect(limiter.schedule(() => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('a stopped limiter leaves the source to the other limiters of the factory', async () => {
    const factory = await bed.factory();
    const store = await bed.store();
    const first = factory.create({ sourceId: 'nih', quota: quota(), store });
    const second = factory.create({ sourceId: 'nih', quota: quota(), store });
    await first.stop();
    await expect(second.schedule(async () => 'still here')).resolves.toBe('still here');
  });
});
