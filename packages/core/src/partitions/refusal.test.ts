import { describe, expect, it } from 'vitest';
import { ErrorCodes, FreshetError } from '../errors.js';
import { catchError } from './expect-refusal.js';
import { quote, reasonOf, refusal } from './refusal.js';

describe('refusal', () => {
  it('says what was wrong, then what valid looks like, and keeps the reason apart', () => {
    const err = refusal('"x" is bad', 'A valid one looks like y', { source: 'nih' });
    expect(err.code).toBe(ErrorCodes.PARTITION_KEY_INVALID);
    expect(err.message).toBe('[freshet] [nih] "x" is bad. A valid one looks like y');
    expect(reasonOf(err)).toBe('"x" is bad');
  });

  it('falls back to the message of a refusal without details', () => {
    const foreign = new FreshetError(ErrorCodes.PARTITION_KEY_INVALID, 'no good', { source: 'acme' });
    expect(reasonOf(foreign)).toBe('no good');
  });

  it('rethrows anything that is not a key refusal', () => {
    const other = new FreshetError(ErrorCodes.INTERNAL, 'bug');
    expect(catchError(() => reasonOf(other))).toBe(other);
  });

  it('quotes input safely and briefly', () => {
    expect(quote('a\u0000b')).toBe('"a\\u0000b"');
    expect(quote('x'.repeat(200))).toBe(`"${'x'.repeat(64)}…"`);
    expect(quote(12)).toBe('"12"');
  });
});
