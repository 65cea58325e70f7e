import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { mergeQuota, partialQuotaSchema, quotaSchema } from './quota-schema.js';
import type { Quota } from './types.js';

const defaults: Quota = {
  maxConcurrent: 2,
  requestsPerInterval: 45,
  intervalMs: 60_000,
  dailyBudget: null,
  timeoutMs: 30_000,
  retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 60_000 },
};

describe('quotaSchema', () => {
  it('accepts a whole quota, with or without a daily budget', () => {
    expect(quotaSchema.parse(defaults)).toEqual(defaults);
    expect(quotaSchema.parse({ ...defaults, dailyBudget: 1000 }).dailyBudget).toBe(1000);
  });

  it('refuses zero, fractions, unknown keys and a max delay below the base delay', () => {
    expect(quotaSchema.safeParse({ ...defaults, maxConcurrent: 0 }).success).toBe(false);
    expect(quotaSchema.safeParse({ ...defaults, requestsPerInterval: 1.5 }).success).toBe(false);
    expect(quotaSchema.safeParse({ ...defaults, dailyBudget: 0 }).success).toBe(false);
    expect(quotaSchema.safeParse({ ...defaults, burst: 3 }).success).toBe(false);
    const inverted = quotaSchema.safeParse({ ...defaults, retry: { ...defaults.retry, maxDelayMs: 10 } });
    expect(inverted.success).toBe(false);
    expect(inverted.error?.issues[0]?.path).toEqual(['retry', 'maxDelayMs']);
  });
});

describe('partialQuotaSchema and mergeQuota', () => {
  it('overrides only what configuration names, the retry policy field by field', () => {
    const overrides = partialQuotaSchema.parse({ dailyBudget: 1000, retry: { maxAttempts: 3 } });
    expect(mergeQuota(defaults, overrides)).toEqual({
      ...defaults,
      dailyBudget: 1000,
      retry: { ...defaults.retry, maxAttempts: 3 },
    });
  });

  it('lets configuration remove a daily budget with null, and ignores undefined values', () => {
    const withBudget = { ...defaults, dailyBudget: 10 };
    expect(mergeQuota(withBudget, { dailyBudget: null }).dailyBudget).toBeNull();
    expect(mergeQuota(withBudget, { dailyBudget: undefined, maxConcurrent: undefined })).toEqual(withBudget);
    expect(mergeQuota(defaults, undefined)).toEqual(defaults);
  });

  it('refuses unknown keys in an override', () => {
    expect(partialQuotaSchema.safeParse({ requestsPerMinute: 45 }).success).toBe(false);
    expect(partialQuotaSchema.safeParse({ retry: { attempts: 3 } }).success).toBe(false);
  });

  it('validates the merged result and names the bad key', () => {
    expect(() => mergeQuota(defaults, { retry: { maxDelayMs: 100 } })).toThrow(
      expect.objectContaining({
        code: ErrorCodes.CONFIG_INVALID,
        message: expect.stringContaining('quota.retry.maxDelayMs'),
      }),
    );
  });
});
