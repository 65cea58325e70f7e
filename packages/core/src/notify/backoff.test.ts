import { describe, expect, it } from 'vitest';
import { deliveryVerdict, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './backoff.js';

describe('delivery backoff', () => {
  it('doubles from 30 s with half of each delay random', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, () => 0.999_999)).toBeLessThan(30_000);
    expect(retryDelayMs(2, () => 0)).toBe(30_000);
    expect(retryDelayMs(4, () => 0.5)).toBe(180_000);
  });

  it('spreads the attempts over about an hour', () => {
    const waits = (random: () => number) =>
      Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, random)).reduce(
        (a, b) => a + b,
      );
    expect(waits(() => 0)).toBeGreaterThan(30 * 60_000);
    expect(waits(() => 1)).toBeLessThanOrEqual(65 * 60_000);
  });

  it('treats 2xx as delivered, 408/429/5xx as worth a retry, other statuses as refusals', () => {
    expect([200, 204, 299].map(deliveryVerdict)).toEqual(['delivered', 'delivered', 'delivered']);
    expect([408, 429, 500, 503].map(deliveryVerdict)).toEqual(['retry', 'retry', 'retry', 'retry']);
    expect([301, 400, 401, 404, 410].map(deliveryVerdict)).toEqual([
      'reject',
      'reject',
      'reject',
      'reject',
      'reject',
    ]);
  });
});
