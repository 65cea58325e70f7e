import type { Quota, QuotaOverrides } from '@freshet/core';

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
