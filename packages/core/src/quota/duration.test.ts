import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['7d', 7 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['30m', 30 * 60_000],
    ['45s', 45_000],
    ['1500ms', 1500],
    [' 1d ', 86_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['7', '7 days', '1.5h', '-1d', '', 'd', '10w'])(
    'refuses %j with CONFIG_INVALID and an example',
    (text) => {
      expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: ErrorCodes.CONFIG_INVALID }));
      expect(() => parseDuration(text)).toThrow(/e\.g\. "7d"/);
    },
  );
});

describe('formatDuration', () => {
  it('uses the largest exact unit, and round-trips', () => {
    expect(formatDuration(7 * 86_400_000)).toBe('7d');
    expect(formatDuration(90 * 60_000)).toBe('90m');
    expect(formatDuration(1500)).toBe('1500ms');
    expect(formatDuration(0)).toBe('0ms');
    for (const text of ['7d', '12h', '30m', '45s', '1500ms'])
      expect(formatDuration(parseDuration(text))).toBe(text);
  });
});
