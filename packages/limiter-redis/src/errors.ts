import { ErrorCodes, FreshetError } from '@freshet/core';

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

/** A short reason out of whatever a driver threw. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
