// Test helper (not exported from the package): asserts a refusal's code and message content.
import { expect } from 'vitest';
import { type ErrorCode, ErrorCodes, isFreshetError } from '../errors.js';

export function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw, got none');
}

/** Runs `fn`, expects a FreshetError with `code`, and a message holding every fragment. */
export function expectRefusal(
  fn: () => unknown,
  fragments: string[],
  code: ErrorCode = ErrorCodes.PARTITION_KEY_INVALID,
): string {
  const err = catchError(fn);
  expect(isFreshetError(err, code), `expected ${code}, got ${String(err)}`).toBe(true);
  const { message } = err as Error;
  for (const fragment of fragments) expect(message).toContain(fragment);
  return message;
}
