import { quoteInput } from '../echo-input.js';
import { ErrorCodes, errorReason, FreshetError, isFreshetError } from '../errors.js';

const QUOTE_LIMIT = 64;

/** Quotes untrusted input for a message: escapes control characters and cuts very long input. */
export function quote(input: unknown): string {
  return quoteInput(input, QUOTE_LIMIT);
}

export interface RefusalOptions {
  source?: string;
  cause?: unknown;
}

/**
 * A PARTITION_KEY_INVALID error: what was wrong, then what a valid one looks like.
 * `reason` is kept in `details` so a caller with more context can re-frame it.
 */
export function refusal(reason: string, validLooksLike: string, options: RefusalOptions = {}): FreshetError {
  return new FreshetError(ErrorCodes.PARTITION_KEY_INVALID, `${reason}. ${validLooksLike}`, {
    ...options,
    details: { reason },
  });
}

/**
 * The reason inside a PARTITION_KEY_INVALID error, without its "looks like" tail; rethrows
 * anything else, since only key refusals may be re-framed.
 */
export function reasonOf(err: unknown): string {
  if (!isFreshetError(err, ErrorCodes.PARTITION_KEY_INVALID)) throw err;
  const reason = err.details?.reason;
  // A scheme from another copy of core may not set details; its reason still explains.
  return typeof reason === 'string' ? reason : errorReason(err);
}
