/** Attempts per message before it is given up as failed: about an hour of retries in all. */
export const MAX_DELIVERY_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * How long to wait after failed attempt `attempt` (1-based): doubling from 30 s, with "equal
 * jitter" (half fixed, half random) so retries of many messages spread out yet still back off.
 * Attempts 1..7 wait about 30 s, 1, 2, 4, 8, 16 and 32 min: the 8th comes about an hour in.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

export type DeliveryVerdict = 'delivered' | 'retry' | 'reject';

/**
 * What a receiver's status means: 2xx delivered; 408, 429 and 5xx worth retrying; any other
 * 4xx (and 3xx: redirects are not followed, a signed body must not go elsewhere) a refusal
 * that retrying will not change.
 */
export function deliveryVerdict(status: number): DeliveryVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'reject';
}
