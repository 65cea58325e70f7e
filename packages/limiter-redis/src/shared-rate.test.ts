import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { concurrencyProbe, maxInWindow, quota, useTestBed } from './test-support.js';

const bed = useTestBed();

/**
 * Bottleneck reserves each start in Redis `minTime` after the previous one; a task really starts a
 * little after its reserved moment (the register round trip, a timer firing late, the pause check
 * and the budget count), by a few ms that vary from start to start. Two starts can therefore come
 * closer than `minTime` by that much: the default jitter allowance (40 ms) is what `minTime` is
 * lengthened by so that this never crowds one interval (settings.ts). Without the shared limit,
 * the two factories' requests would start together (0 ms apart) and at twice the rate.
 */
const START_JITTER_MS = 25;

const now = () => performance.timeOrigin + performance.now();

describe('two factories (two connections, as two processes) sharing one source', () => {
  it('together keep to requestsPerInterval in any interval, spaced minTime apart, and to maxConcurrent', async () => {
    const store = await bed.store();
    const shared = quota({ maxConcurrent: 2, requestsPerInterval: 10, intervalMs: 1000 });
    const minTime = 102; // 100 ms lengthened by the jitter allowance: 10 × 102 = 1000 + 20 ms
    const factories = [await bed.factory(), await bed.factory()];
    const limiters = factories.map((f) => f.create({ sourceId: 'nih', quota: shared, store }));
    // The first requests pay for compiling and preparing statements; not what is measured.
    await Promise.all(limiters.map((l) => l.schedule(async () => undefined)));

    const starts: number[] = [];
    const probe = concurrencyProbe(async () => {
      starts.push(now());
      // Some requests outlast the spacing, so concurrency binds as well as the rate.
      await delay(5 + Math.floor(Math.random() * 240));
    });
    const n = 24;
    await Promise.all(Array.from({ length: n }, (_, i) => limiters[i % 2]!.schedule(probe.task)));

    starts.sort((x, y) => x - y);
    const gaps = starts.slice(1).map((at, i) => at - starts[i]!);
    expect(starts).toHaveLength(n);
    expect(probe.maxActive).toBeLessThanOrEqual(2);
    // The quota's own promise, as the APIs count it: never 11 starts within one second.
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(10);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(minTime - START_JITTER_MS);
    // The rate: n starts spread over at least (n - 1) spacings, give or take one start's jitter.
    expect(starts[n - 1]! - starts[0]!).toBeGreaterThanOrEqual((n - 1) * minTime - START_JITTER_MS);
    expect(await limiters[0]!.usedToday()).toBe(n + 2);
  });

  it('holds maxConcurrent across both when requests are slower than the spacing', async () => {
    const store = await bed.store();
    const shared = quota({ maxConcurrent: 3, requestsPerInterval: 1000, intervalMs: 1000 });
    const factories = [await bed.factory(), await bed.factory()];
    const limiters = factories.map((f) => f.create({ sourceId: 'usaspending', quota: shared, store }));

    const probe = concurrencyProbe(() => delay(60));
    await Promise.all(Array.from({ length: 18 }, (_, i) => limiters[i % 2]!.schedule(probe.task)));
    // Each factory alone would allow 3: together they must keep to 3, and do use it.
    expect(probe.maxActive).toBe(3);
  });
});
