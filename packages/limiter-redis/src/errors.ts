import { ErrorCodes, FreshetError, nextUtcMidnight, utcDay } from '@freshet/core';

/** What to do about LIMITER_UNAVAILABLE: at start, and once running. */
export const UNAVAILABLE_HINTS = {
  open: 'start Redis or correct limiter.url; without a `limiter` in the config, each process limits itself alone',
  running:
    'the request was not sent; it can be retried once Redis answers again (the shared limiter reconnects by itself)',
} as const;

/**
 * Redis does not answer, so the shared quota cannot be checked. Never a fall-back to limits of
 * this process alone: that would let every worker use the whole quota.
 */
export function unavailable(
  shownUrl: string,
  why: string,
  when: keyof typeof UNAVAILABLE_HINTS,
  source?: string,
  cause?: unknown,
): FreshetError {
  return new FreshetError(
    ErrorCodes.LIMITER_UNAVAILABLE,
    `the shared limiter cannot reach Redis at ${shownUrl}: ${why}`,
    {
      hint: UNAVAILABLE_HINTS[when],
      retryable: true,
      ...(source === undefined ? {} : { source }),
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

export function aborted(source: string, reason: string, cause?: unknown): FreshetError {
  return new FreshetError(ErrorCodes.ABORTED, reason, { source, cause });
}

/** The same message and fields as the in-process limiter, so callers see one error either way. */
export function exhausted(source: string, dailyBudget: number | null, now: Date): FreshetError {
  const resetAt = nextUtcMidnight(now);
  return new FreshetError(
    ErrorCodes.QUOTA_EXHAUSTED,
    `the daily budget of ${dailyBudget} requests is spent for ${utcDay(now)}; it resets at ${resetAt.toISOString()}`,
    { source, retryAt: resetAt, details: { dailyBudget, resetAt: resetAt.toISOString() } },
  );
}

/** A short reason out of whatever a driver threw. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
