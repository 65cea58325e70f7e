import { ErrorCodes, isFreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { NIH_SBIR_STTR_ACTIVITY_CODES } from './defaults.js';
import { optionsSchema, resolveOptions } from './options.js';
import { nih } from './source.js';

function refusal(options: unknown): string {
  try {
    resolveOptions(options);
  } catch (err) {
    if (isFreshetError(err, ErrorCodes.OPTIONS_INVALID)) return err.message;
    throw err;
  }
  throw new Error('expected OPTIONS_INVALID');
}

describe('options', () => {
  it('default to the real API, the SBIR/STTR codes, pages of 500 and 12 recent weeks', () => {
    expect(resolveOptions(undefined)).toEqual({
      baseUrl: 'https://api.reporter.nih.gov',
      activityCodes: [...NIH_SBIR_STTR_ACTIVITY_CODES],
      limit: 500,
      recentWeeks: 12,
    });
    expect(NIH_SBIR_STTR_ACTIVITY_CODES).toEqual([
      'R41',
      'R42',
      'R43',
      'R44',
      'U43',
      'U44',
      'UT1',
      'UT2',
      'SB1',
    ]);
  });

  it('normalise codes, agencies and years, and drop a trailing slash from baseUrl', () => {
    expect(
      resolveOptions({
        baseUrl: 'http://127.0.0.1:4010/',
        activityCodes: [' r43', 'R44', 'R43'],
        agencies: ['nci', 'NCI', 'niaid'],
        fiscalYears: [2025, 2024, 2025],
        limit: 100,
        recentWeeks: 4,
      }),
    ).toEqual({
      baseUrl: 'http://127.0.0.1:4010',
      activityCodes: ['R43', 'R44'],
      agencies: ['NCI', 'NIAID'],
      fiscalYears: [2024, 2025],
      limit: 100,
      recentWeeks: 4,
    });
  });

  it('refuse bad values with OPTIONS_INVALID naming the option and what is expected', () => {
    expect(refusal({ limit: 1000 })).toBe(
      "[freshet] [nih] invalid options: option limit must be at most 500, the API's largest page (got 1000)",
    );
    expect(refusal({ limit: 1 })).toContain('option limit must be a whole number from 2 to 500 (got 1)');
    expect(refusal({ activityCodes: [] })).toContain(
      'option activityCodes must name at least one activity code',
    );
    expect(refusal({ activityCodes: ['R43', 'SBIR'] })).toContain(
      'option activityCodes[1] an activity code is three letters or digits, like "R43" (got "SBIR")',
    );
    expect(refusal({ activityCodes: 'R43' })).toContain(
      'option activityCodes must be a list of activity codes',
    );
    expect(refusal({ baseUrl: 'ftp://example.org' })).toContain('option baseUrl must be an http(s) URL');
    expect(refusal({ fiscalYears: [1970] })).toContain(
      'option fiscalYears[0] RePORTER holds fiscal years from 1985 on',
    );
    expect(refusal({ recentWeeks: 0 })).toContain('option recentWeeks must be a whole number of weeks');
    expect(refusal({ activity_codes: ['R43'] })).toContain(
      'option activity_codes is not known (known options: baseUrl',
    );
  });

  it('are what the factory validates, and what optionsSchema gives back', () => {
    expect(() => nih({ limit: 501 })).toThrow(/option limit/);
    const source = nih({ activityCodes: ['r41'] });
    expect(source.options.activityCodes).toEqual(['R41']);
    expect(source.optionsSchema?.parse({ activityCodes: ['r41'] })).toEqual(source.options);
    expect(optionsSchema.safeParse({ limit: 'x' }).success).toBe(false);
  });
});
