import type { RetryPolicy } from '../quota/types.js';

/**
 * Exponential back-off with full jitter before attempt `attempt + 1`: a random delay up to
 * `baseDelayMs * 2^(attempt-1)`, capped at `maxDelayMs`. Full jitter spreads the retries of
 * parallel partitions instead of sending them back together.
 */
export function backoffDelay(
  attempt: number,
  retry: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** A `Retry-After` header (delta seconds or an HTTP date) as milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only an HTTP date (it names a month); Date.parse would read "1.5" as a day in 2001.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
