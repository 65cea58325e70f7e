import { describe, expect, it } from 'vitest';
import { parseSetupArgs } from './parse-args.mjs';

describe('the set-up arguments', () => {
  it('takes the flags before the script and passes everything after it to the script', () => {
    expect(parseSetupArgs(['--chromium', '--services', 'test:all', '--force', '--chromium'])).toEqual({
      chromium: true,
      services: true,
      script: 'test:all',
      args: ['--force', '--chromium'],
    });
  });

  it('drops the `--` pnpm passes on, as npm does, so both give the script the same arguments', () => {
    const viaNpm = parseSetupArgs(['sandbox', '--reset']);
    expect(viaNpm).toEqual({ chromium: false, services: false, script: 'sandbox', args: ['--reset'] });
    expect(parseSetupArgs(['sandbox', '--', '--reset'])).toEqual(viaNpm);
    expect(parseSetupArgs(['sandbox', '--reset', '--', 'x']).args).toEqual(['--reset', '--', 'x']);
  });

  it('names an unknown flag and a missing script with the usage', () => {
    expect(() => parseSetupArgs(['--browser', 'sandbox'])).toThrow(/unknown set-up option --browser; usage:/);
    expect(() => parseSetupArgs(['--services'])).toThrow(/no script to run after set-up; usage:/);
  });
});
