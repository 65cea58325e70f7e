import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isFreshetError } from '../errors.js';
import { maxInWindow, memoryQuotaStore } from '../quota/test-fakes.js';
import { closeHarnesses, harness } from './test-harness.js';
import { sendJson, sendText } from './test-server.js';

afterEach(closeHarnesses);

const today = () => new Date().toISOString().slice(0, 10);

describe('createHttpClient under the quota', () => {
  it('keeps concurrency and the rate within the quota, as the server counts them, with many callers', async () => {
    const h = await harness(
      async (_hit, res) => {
        await delay(10 + Math.floor(Math.random() * 40));
        sendJson(res, 200, {});
      },
      { quota: { maxConcurrent: 3, requestsPerInterval: 10, intervalMs: 200 } },
    );
    // Eight partitions, five slices each, all at once.
    const partitions = Array.from({ length: 8 }, async (_, p) => {
      for (let slice = 0; slice < 5; slice++) {
        await h.http.request({ method: 'GET', url: `${h.server.origin}/p${p}`, query: { slice } });
      }
    });
    await Promise.all(partitions);

    expect(h.server.hits).toHaveLength(40);
    expect(h.server.maxInFlight()).toBeLessThanOrEqual(3);
    // Starts are spaced exactly at the client (the limiter's own tests check that to the ms);
    // the server, in this same busy process, stamps arrivals after loopback and event-loop
    // jitter, hence a window 10% shorter than the interval. A limiter that let a reservoir's
    // worth through at once, or none at all, still shows 15-40 here.
    expect(
      maxInWindow(
        h.server.hits.map((hit) => hit.at),
        200 - 20,
      ),
    ).toBeLessThanOrEqual(10);
    expect(h.store.counts.get(`test|${today()}`)).toBe(40);
  });

  it('counts every attempt, retries included, against the daily count', async () => {
    const h = await harness((hit, res) => (hit.index < 2 ? sendText(res, 503, '') : sendJson(res, 200, {})));
    await h.http.request({ method: 'GET', url: `${h.server.origin}/x` });
    expect(await h.limiter.usedToday()).toBe(3);
    expect(h.http.stats().calls).toBe(3);
  });

  it('rejects with QUOTA_EXHAUSTED once the daily budget is spent, without reaching the server', async () => {
    const store = memoryQuotaStore();
    const h = await harness((_hit, res) => sendJson(res, 200, {}), { quota: { dailyBudget: 2 }, store });
    await h.http.request({ method: 'GET', url: `${h.server.origin}/1` });
    await h.http.request({ method: 'GET', url: `${h.server.origin}/2` });

    const err = await h.http.request({ method: 'GET', url: `${h.server.origin}/3` }).catch((e: unknown) => e);
    expect(isFreshetError(err, ErrorCodes.QUOTA_EXHAUSTED)).toBe(true);
    expect(h.server.hits).toHaveLength(2);

    // A restarted process on the same store is still over budget.
    const restarted = h.restart();
    await expect(restarted.request({ method: 'GET', url: `${h.server.origin}/4` })).rejects.toMatchObject({
      code: ErrorCodes.QUOTA_EXHAUSTED,
    });
    expect(h.server.hits).toHaveLength(2);
    expect(store.counts.get(`test|${today()}`)).toBe(2);
  });

  it('stops retrying when the budget runs out mid-request', async () => {
    const h = await harness((_hit, res) => sendText(res, 503, ''), {
      quota: { dailyBudget: 2, retry: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 50 } },
    });
    await expect(h.http.request({ method: 'GET', url: `${h.server.origin}/x` })).rejects.toMatchObject({
      code: ErrorCodes.QUOTA_EXHAUSTED,
    });
    expect(h.server.hits).toHaveLength(2);
  });
});
