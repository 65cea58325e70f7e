import { describe, expect, it } from 'vitest';
import { ErrorCodes, FreshetError, isFreshetError, toFreshetError } from './errors.js';

describe('FreshetError', () => {
  it('prefixes the message with the source and keeps the cause', () => {
    const cause = new Error('socket hang up');
    const err = new FreshetError(ErrorCodes.UPSTREAM_UNAVAILABLE, 'gave up after 5 attempts', {
      source: 'nih',
      cause,
    });
    expect(err.message).toBe('[freshet] [nih] gave up after 5 attempts');
    expect(err.cause).toBe(cause);
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('is recognised by shape, so a plugin with its own copy of core is understood', () => {
    const foreign = Object.assign(new Error('[freshet] x'), { name: 'FreshetError', code: 'AUTH_FAILED' });
    expect(isFreshetError(foreign)).toBe(true);
    expect(isFreshetError(foreign, ErrorCodes.AUTH_FAILED)).toBe(true);
    expect(isFreshetError(foreign, ErrorCodes.RATE_LIMITED)).toBe(false);
    expect(isFreshetError(new Error('plain'))).toBe(false);
  });

  it('wraps unknown throwables as INTERNAL without losing them', () => {
    const wrapped = toFreshetError('boom', 'sam_gov');
    expect(wrapped.code).toBe(ErrorCodes.INTERNAL);
    expect(wrapped.message).toBe('[freshet] [sam_gov] boom');
    expect(wrapped.cause).toBe('boom');
  });
});
