import { NIH_DEFAULT_QUOTA } from '@freshet/source-nih';
import { SAM_GOV_DEFAULT_QUOTA } from '@freshet/source-sam-gov';
import { NIH_DEFAULT_RATE_LIMIT, samDailyRateLimit, USASPENDING_DEFAULT_RATE_LIMIT } from '@freshet/testkit';
import { describe, expect, it } from 'vitest';
import {
  formatInterval,
  perSecond,
  SPED_UP_WINDOW_SLACK_MS,
  speedUpQuota,
  speedUpRateLimit,
} from './speed-up.js';

describe('speeding quotas up for the sandbox', () => {
  it('shortens the interval and the retry waits; concurrency and the daily budget stay', () => {
    expect(speedUpQuota(NIH_DEFAULT_QUOTA, 20)).toEqual({
      intervalMs: 53,
      retry: { baseDelayMs: 100, maxDelayMs: 3000 },
    });
    const sam = speedUpQuota(SAM_GOV_DEFAULT_QUOTA, 20);
    expect(sam).not.toHaveProperty('dailyBudget');
    expect(sam).not.toHaveProperty('maxConcurrent');
  });

  it('speeds a simulator’s window up as much (less the jitter slack), and its burst; not a daily quota', () => {
    expect(speedUpRateLimit(NIH_DEFAULT_RATE_LIMIT, 20)).toEqual({
      requests: 1,
      intervalMs: 50 - SPED_UP_WINDOW_SLACK_MS,
    });
    expect(speedUpRateLimit(USASPENDING_DEFAULT_RATE_LIMIT, 20)).toEqual({
      requests: 120,
      intervalMs: 3000 - SPED_UP_WINDOW_SLACK_MS,
      burst: 200,
    });
    const daily = samDailyRateLimit('role');
    expect(speedUpRateLimit(daily, 20)).toBe(daily);
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
