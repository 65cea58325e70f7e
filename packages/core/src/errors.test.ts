import { describe, expect, it } from 'vitest';
import {
  ErrorCodes,
  errorReason,
  errorText,
  FreshetError,
  isFreshetError,
  toFreshetError,
} from './errors.js';

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

  it('keeps the bare reason and its context as fields; the message composes them', () => {
    const err = new FreshetError(ErrorCodes.COHORT_TOO_LARGE, 'week 2025-W12 holds 16,200 projects', {
      source: 'nih',
      partition: 'nih:project_week_2025-W12',
      hint: 'narrow the activity codes',
    });
    expect(err.reason).toBe('week 2025-W12 holds 16,200 projects');
    expect(err.partition).toBe('nih:project_week_2025-W12');
    expect(err.hint).toBe('narrow the activity codes');
    expect(err.message).toBe(
      '[freshet] [nih] week 2025-W12 holds 16,200 projects; narrow the activity codes',
    );
  });
});

describe('errorText and errorReason', () => {
  it("show a FreshetError without Freshet's own name: the source, the reason, the hint", () => {
    const err = new FreshetError(ErrorCodes.AUTH_FAILED, 'the key was refused', {
      source: 'sam_gov',
      hint: 'check SAM_GOV_API_KEY',
    });
    expect(errorText(err)).toBe('[sam_gov] the key was refused; check SAM_GOV_API_KEY');
    expect(errorReason(err)).toBe('the key was refused');
    expect(errorText(new FreshetError(ErrorCodes.CONFIG_INVALID, 'bad'))).toBe('bad');
  });

  it('show any other thrown value as it is', () => {
    expect(errorText(new RangeError('out of range'))).toBe('out of range');
    expect(errorReason('boom')).toBe('boom');
    // A FreshetError of an older copy of core has no reason field: its message is all there is.
    const foreign = Object.assign(new Error('[freshet] [x] old'), { name: 'FreshetError', code: 'INTERNAL' });
    expect(errorText(foreign)).toBe('[freshet] [x] old');
  });
});
