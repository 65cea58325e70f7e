import { ErrorCodes, FreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { AWARD_TYPE_GROUPS, DEFAULT_FIELDS } from './award-types.js';
import { resolveOptions } from './options.js';

function refusal(options: unknown): FreshetError {
  try {
    resolveOptions(options);
  } catch (err) {
    if (err instanceof FreshetError) return err;
    throw err;
  }
  throw new Error('expected OPTIONS_INVALID');
}

describe('usaspending options', () => {
  it('fills in the defaults: the real API, all six groups, 100 a page, action_date, three fiscal years', () => {
    const options = resolveOptions(undefined);
    expect(options).toMatchObject({
      baseUrl: 'https://api.usaspending.gov',
      awardTypeGroups: ['contracts', 'idvs', 'grants', 'direct_payments', 'loans', 'other'],
      dateType: 'action_date',
      limit: 100,
      recentFiscalYears: 3,
    });
    expect(options.keywords).toBeUndefined();
    for (const group of AWARD_TYPE_GROUPS) expect(options.fields[group]).toEqual(DEFAULT_FIELDS[group]);
    expect(options.fields.contracts).toContain('Contract Award Type');
    expect(options.fields.grants).toContain('CFDA Number');
    expect(options.fields.loans).toEqual(expect.arrayContaining(['Loan Value', 'Subsidy Cost']));
    expect(options.fields.loans).not.toContain('Award Amount');
  });

  it('takes filters, agency shorthands and per-group fields, with "Award ID" always first', () => {
    const options = resolveOptions({
      baseUrl: 'http://127.0.0.1:9999/',
      awardTypeGroups: ['grants', 'contracts', 'grants'],
      keywords: [' sbir ', 'sttr'],
      programNumbers: ['93.855'],
      agencies: [
        'Department of Defense',
        { type: 'funding', tier: 'subtier', name: 'National Institutes of Health' },
      ],
      fields: { grants: ['Recipient Name', 'Award Amount', 'Award ID'] },
      limit: 25,
    });
    expect(options).toMatchObject({
      baseUrl: 'http://127.0.0.1:9999',
      awardTypeGroups: ['grants', 'contracts'],
      keywords: ['sbir', 'sttr'],
      agencies: [
        { type: 'awarding', tier: 'toptier', name: 'Department of Defense' },
        { type: 'funding', tier: 'subtier', name: 'National Institutes of Health' },
      ],
      limit: 25,
    });
    expect(options.fields.grants).toEqual(['Award ID', 'Recipient Name', 'Award Amount']);
    expect(options.fields.contracts).toEqual(DEFAULT_FIELDS.contracts);
  });

  it.each([
    [{ limit: 500 }, 'option limit must be at most 100', '(got 500)'],
    [{ limit: 2.5 }, 'option limit must be a whole number from 1 to 100', '(got 2.5)'],
    [
      { awardTypeGroups: ['grants', 'subgrants'] },
      'option awardTypeGroups[1] must be one of contracts, idvs',
      '"subgrants"',
    ],
    [
      { awardTypeGroups: [] },
      'option awardTypeGroups must name at least one award type group',
      'an empty list',
    ],
    [{ keywords: ['ab'] }, 'option keywords[0] must have 3 characters or more', '"ab"'],
    [{ keywords: [] }, 'option keywords must name at least one, or be left out', 'an empty list'],
    [
      { fields: { grants: ['Loan Value'] } },
      'option fields.grants[0] "Loan Value" is not a field of grants',
      '"Loan Value"',
    ],
    [
      { fields: { subgrants: ['Award ID'] } },
      'option fields.subgrants is not known',
      'known options: contracts, idvs',
    ],
    [{ dateType: 'signed' }, 'option dateType must be one of action_date, date_signed', '"signed"'],
    [{ baseUrl: 'ftp://x' }, 'option baseUrl must be an http(s) URL', '"ftp://x"'],
    [{ apiKey: 'x' }, 'option apiKey is not known', 'known options: baseUrl'],
    [
      { agencies: [{ name: 'NASA', tier: 'top' }] },
      'option agencies[0] must be a list of agency names',
      'an object',
    ],
  ])('refuses %j with OPTIONS_INVALID naming the option', (options, phrase, got) => {
    const err = refusal(options);
    expect(err.code).toBe(ErrorCodes.OPTIONS_INVALID);
    expect(err.message).toContain('[freshet] [usaspending] invalid options: ');
    expect(err.message).toContain(phrase);
    expect(err.message).toContain(got);
  });
});
