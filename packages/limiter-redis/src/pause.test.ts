import { describe, expect, it } from 'vitest';
import { captureLogger, holdSlot, quota, useTestBed } from './test-support.js';

const bed = useTestBed();

describe('pauseUntil, shared through Redis', () => {
  it("holds the other factory's requests, queued before the pause or after it, until it ends", async () => {
    const store = await bed.store();
    const [a, b] = [await bed.factory(), await bed.factory()];
    const here = a.create({ sourceId: 'nih', quota: quota({ maxConcurrent: 1 }), store });
    const there = b.create({ sourceId: 'nih', quota: quota({ maxConcurrent: 1 }), store });

    // One request holds the only slot, so the next one waits in the queue when the pause comes.
    const holding = holdSlot(there);
    await holding.started;
    const startedAt: number[] = [];
    const queued = there.schedule(async () => startedAt.push(Date.now()));

    const pauseEnd = Date.now() + 400;
    here.pauseUntil(new Date(pauseEnd));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the pause reaches Redis
    holding.release();
    await holding.running;
    const later = there.schedule(async () => startedAt.push(Date.now()));
    await Promise.all([queued, later]);

    expect(startedAt).toHaveLength(2);
    for (const at of startedAt) expect(at).toBeGreaterThanOrEqual(pauseEnd);
  });

  it('holds a request already registered with Bottleneck and waiting for its start', async () => {
    const store = await bed.store();
    const slow = quota({ maxConcurrent: 2, requestsPerInterval: 1, intervalMs: 300 });
    const [a, b] = [await bed.factory(), await bed.factory()];
    const here = a.create({ sourceId: 'patentsview', quota: slow, store });
    const there = b.create({ sourceId: 'patentsview', quota: slow, store });

    await there.schedule(async () => undefined);
    // Has a free slot, so Bottleneck registers it at once and it sleeps ~300 ms for its start.
    const waiting = there.schedule(async () => Date.now());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pauseEnd = Date.now() + 600;
    here.pauseUntil(new Date(pauseEnd));
    expect(await waiting).toBeGreaterThanOrEqual(pauseEnd);
  });

  it('never shortens a longer pause set by another process', async () => {
    const store = await bed.store();
    const [a, b] = [await bed.factory(), await bed.factory()];
    const here = a.create({ sourceId: 'nih', quota: quota(), store });
    const there = b.create({ sourceId: 'nih', quota: quota(), store });

    const longEnd = Date.now() + 500;
    here.pauseUntil(new Date(longEnd));
    await new Promise((resolve) => setTimeout(resolve, 30));
    there.pauseUntil(new Date(Date.now() + 50));
    expect(await there.schedule(async () => Date.now())).toBeGreaterThanOrEqual(longEnd);
  });

  it('logs the pause and ignores one already over', async () => {
    const logger = captureLogger();
    const limiter = await bed.limiter({ logger });
    limiter.pauseUntil(new Date(Date.now() - 1000));
    const before = Date.now();
    await limiter.schedule(async () => undefined);
    expect(Date.now() - before).toBeLessThan(200);
    expect(logger.lines.filter((l) => l.message === 'source paused')).toHaveLength(0);

    limiter.pauseUntil(new Date(Date.now() + 100));
    expect(logger.lines.filter((l) => l.message === 'source paused')).toHaveLength(1);
  });
});
