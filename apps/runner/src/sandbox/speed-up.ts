import type { Quota, QuotaOverrides } from '@freshet/core';
import type { RateLimitConfig } from '@freshet/testkit';

/**
 * A source quota `factor` times faster: the same requests in an interval `factor` times
 * shorter, and retries waiting `factor` times less. Concurrency and the daily budget stay:
 * they are counts, not rates.
 */
export function speedUpQuota(quota: Quota, factor: number): QuotaOverrides {
  return {
    intervalMs: shorten(quota.intervalMs, factor),
    retry: {
      baseDelayMs: shorten(quota.retry.baseDelayMs, factor),
      maxDelayMs: shorten(quota.retry.maxDelayMs, factor),
    },
  };
}

/**
 * Timer jitter a sped-up window must absorb. The real windows are seconds long, so a few ms of
 * jitter never matters; at 1/20 of that, with the simulator in the same busy event loop, a
 * request spaced 53 ms after the last can be counted 20 ms after it (a cold start, a busy
 * machine), and the simulator's 429 (Retry-After rounds up to a whole second) would stall the
 * source for 20 simulated seconds.
 */
export const SPED_UP_WINDOW_SLACK_MS = 40;

/**
 * A simulator's rate limit sped up the same way (less the jitter slack); a fixed (daily) window
 * is a quota, not a rate, and stays.
 */
export function speedUpRateLimit(limit: RateLimitConfig, factor: number): RateLimitConfig {
  if (limit.window === 'fixed') return limit;
  return {
    ...limit,
    intervalMs: Math.max(1, shorten(limit.intervalMs, factor) - SPED_UP_WINDOW_SLACK_MS),
    ...(limit.burst === undefined ? {} : { burst: limit.burst * factor }),
  };
}

/** `0.95/s`, `19/s`: requests per second, as people compare rates. */
export function perSecond(requests: number, intervalMs: number): string {
  const rate = (requests * 1000) / intervalMs;
  const digits = rate >= 10 ? 0 : rate >= 1 ? 1 : 2;
  return `${Number(rate.toFixed(digits))}/s`;
}

/** `53 ms`, `1.05 s`, `60.5 s`: an interval as a quota states it. */
export function formatInterval(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(2))} s`;
}

function shorten(ms: number, factor: number): number {
  return ms === 0 ? 0 : Math.max(1, Math.round(ms / factor));
}
