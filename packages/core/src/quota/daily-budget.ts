import { systemClock } from '../clock.js';
import { ErrorCodes, FreshetError } from '../errors.js';
import { silentLogger } from '../logger.js';
import type { LimiterOptions } from './limiter-types.js';
import { nextUtcMidnight, utcDay } from './utc-day.js';

/** A source's daily request budget, counted in the store so every process on it shares it. */
export interface DailyBudget {
  /** Counts one request against today's (UTC) budget; false when that would exceed it. */
  take(): Promise<boolean>;
  /** QUOTA_EXHAUSTED for today, naming when the budget resets; logs that it is spent. */
  spent(): FreshetError;
  usedToday(): Promise<number>;
  /** Requests left today, or null when there is no daily budget. */
  remainingToday(): Promise<number | null>;
}

/** The budget part every limiter shares, whatever keeps its rate (this process, or Redis). */
export function createDailyBudget(options: LimiterOptions): DailyBudget {
  const { sourceId, quota, store } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const usedToday = () => store.quotaUsed(sourceId, utcDay(clock.now()));
  return {
    async take() {
      return (await store.consumeQuota(sourceId, utcDay(clock.now()), 1, quota.dailyBudget)).granted;
    },
    spent() {
      const now = clock.now();
      const resetAt = nextUtcMidnight(now);
      logger.warn({ source: sourceId, budget: quota.dailyBudget, resetAt }, 'daily budget spent');
      return new FreshetError(
        ErrorCodes.QUOTA_EXHAUSTED,
        `the daily budget of ${quota.dailyBudget} requests is spent for ${utcDay(now)}; it resets at ${resetAt.toISOString()}`,
        {
          source: sourceId,
          retryAt: resetAt,
          details: { dailyBudget: quota.dailyBudget, resetAt: resetAt.toISOString() },
        },
      );
    },
    usedToday,
    async remainingToday() {
      if (quota.dailyBudget === null) return null;
      return Math.max(0, quota.dailyBudget - (await usedToday()));
    },
  };
}
