import { describe, expect, it } from 'vitest';
import { bottleneckSettings } from './settings.js';
import { quota } from './test-support.js';

describe('bottleneckSettings', () => {
  it('spaces starts so a whole interval of them spans the interval plus the jitter allowance', () => {
    const perSecond = bottleneckSettings(quota({ requestsPerInterval: 10, intervalMs: 1000 }), 25);
    expect(perSecond.minTime).toBe(102); // 10 × 102 = 1020 ≥ 1000 + 20: starts may be 20 ms late
    expect(bottleneckSettings(quota({ requestsPerInterval: 1, intervalMs: 1000 }), 25).minTime).toBe(1025);
    // 45 a minute: 1,334 ms apart exact, 1,333.9 with the allowance: the exact spacing rounded up.
    expect(bottleneckSettings(quota({ requestsPerInterval: 45, intervalMs: 60_000 }), 25).minTime).toBe(1334);
  });

  it('never spaces closer than the exact spacing rounded up, and never costs more than the allowance', () => {
    for (const [requests, interval] of [
      [1000, 1000],
      [3, 1000],
      [7, 997],
      [120, 60_000],
      [2, 1000],
    ] as const) {
      const { minTime } = bottleneckSettings(
        quota({ requestsPerInterval: requests, intervalMs: interval }),
        25,
      );
      expect(minTime).toBeGreaterThanOrEqual(Math.ceil(interval / requests));
      expect(minTime * requests).toBeLessThanOrEqual(
        Math.max(interval + 25, Math.ceil(interval / requests) * requests),
      );
    }
    expect(bottleneckSettings(quota({ requestsPerInterval: 10, intervalMs: 1000 }), 0).minTime).toBe(100);
  });

  it('expires a job after every attempt could have timed out, its wait for a start, and a margin', () => {
    const settings = bottleneckSettings(
      quota({
        maxConcurrent: 2,
        timeoutMs: 60_000,
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
      }),
      25,
    );
    expect(settings.maxConcurrent).toBe(2);
    // Twice the timeout; 1,000 a second: 1 ms apart, so the wait for a start adds 2 ms.
    expect(settings.expiration).toBe(2 * 60_000 + 2 * 1 + 2000);
  });
});
