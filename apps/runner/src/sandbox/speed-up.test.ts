import { NIH_DEFAULT_QUOTA } from '@freshet/source-nih';
import { SAM_GOV_DEFAULT_QUOTA } from '@freshet/source-sam-gov';
import { describe, expect, it } from 'vitest';
import { formatInterval, perSecond, speedUpQuota } from './speed-up.js';

describe('speeding quotas up for the sandbox', () => {
  it('shortens the interval and the retry waits; concurrency and the daily budget stay', () => {
    expect(speedUpQuota(NIH_DEFAULT_QUOTA, 20)).toEqual({
      intervalMs: 55,
      retry: { baseDelayMs: 100, maxDelayMs: 3000 },
    });
    const sam = speedUpQuota(SAM_GOV_DEFAULT_QUOTA, 20);
    expect(sam).not.toHaveProperty('dailyBudget');
    expect(sam).not.toHaveProperty('maxConcurrent');
  });

  it('states rates and intervals as people compare them', () => {
    expect(perSecond(1, 1050)).toBe('0.95/s');
    expect(perSecond(1, 53)).toBe('19/s');
    expect(perSecond(45, 60_000)).toBe('0.75/s');
    expect(perSecond(2, 1000)).toBe('2/s');
    expect(formatInterval(53)).toBe('53 ms');
    expect(formatInterval(1050)).toBe('1.05 s');
    expect(formatInterval(60_500)).toBe('60.5 s');
  });
});
