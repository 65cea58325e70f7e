import { z } from 'zod';
import { ErrorCodes, FreshetError } from '../errors.js';
import type { Quota } from './types.js';

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

const retryPolicyShape = z.object({
  maxAttempts: positiveInt,
  baseDelayMs: nonNegativeInt,
  maxDelayMs: nonNegativeInt,
});

const quotaShape = z.object({
  maxConcurrent: positiveInt,
  requestsPerInterval: positiveInt,
  intervalMs: positiveInt,
  dailyBudget: positiveInt.nullable(),
  timeoutMs: positiveInt,
  retry: retryPolicyShape,
});

// Cross-field rules live outside the shapes: zod cannot make a refined object partial.
export const retryPolicySchema = retryPolicyShape.refine((retry) => retry.maxDelayMs >= retry.baseDelayMs, {
  message: 'maxDelayMs must not be smaller than baseDelayMs',
  path: ['maxDelayMs'],
});

export const quotaSchema = quotaShape.extend({ retry: retryPolicySchema }).strict();

/** A configuration override: any subset of a quota, the retry policy included. */
export const partialQuotaSchema = quotaShape
  .partial()
  .extend({ retry: retryPolicyShape.partial().strict().optional() })
  .strict();

export type PartialQuota = z.infer<typeof partialQuotaSchema>;

/**
 * The source's default quota with configuration overrides applied, validated as a whole
 * (a lowered maxDelayMs must still cover baseDelayMs). Throws CONFIG_INVALID naming the key.
 */
export function mergeQuota(defaults: Quota, overrides: PartialQuota | undefined): Quota {
  const { retry, ...rest } = overrides ?? {};
  const merged = {
    ...defaults,
    ...withoutUndefined(rest),
    retry: { ...defaults.retry, ...withoutUndefined(retry ?? {}) },
  };
  const parsed = quotaSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `quota.${issue.path.join('.')}: ${issue.message}`);
    throw new FreshetError(ErrorCodes.CONFIG_INVALID, `invalid quota: ${problems.join('; ')}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

// An explicit `undefined` in an override must not wipe out a default.
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
