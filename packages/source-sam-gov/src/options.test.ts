import { ErrorCodes, isFreshetError } from '@freshet/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAM_GOV_DEFAULT_QUOTA } from './defaults.js';
import { resolveOptions } from './options.js';
import { samGov } from './source.js';

function refusal(input: unknown): string {
  try {
    resolveOptions(input);
  } catch (err) {
    expect(isFreshetError(err, ErrorCodes.OPTIONS_INVALID)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected OPTIONS_INVALID');
}

describe('options', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('fills in the defaults', () => {
    expect(resolveOptions({ apiKey: 'k', ueis: ['zqgghjh74dw7 '] })).toEqual({
      baseUrl: 'https://api.sam.gov',
      apiKey: 'k',
      apiVersion: 'v3',
      includeSections: ['entityRegistration', 'coreData'],
      keyIn: 'query',
      batchSize: 100,
      ueis: ['ZQGGHJH74DW7'],
    });
  });

  it('sends the key in the query by default, in the X-Api-Key header when keyIn says so', () => {
    expect(resolveOptions({ apiKey: 'k', ueiFile: 'f', keyIn: 'header' }).keyIn).toBe('header');
    expect(refusal({ apiKey: 'k', ueiFile: 'f', keyIn: 'cookie' })).toContain(
      'option keyIn must be "query" (the api_key parameter, as the API documents it) or "header" (X-Api-Key)',
    );
  });

  it('takes the key from SAM_GOV_API_KEY when apiKey is not given', () => {
    vi.stubEnv('SAM_GOV_API_KEY', 'from-env');
    expect(resolveOptions({ ueiFile: 'ueis.csv' }).apiKey).toBe('from-env');
    expect(resolveOptions({ ueiFile: 'ueis.csv', apiKey: 'given' }).apiKey).toBe('given');
  });

  it('leaves a missing key unset, refuses an empty one, and never shows a key', () => {
    vi.stubEnv('SAM_GOV_API_KEY', undefined);
    expect(resolveOptions({ ueiFile: 'u.csv' }).apiKey).toBeUndefined();
    vi.stubEnv('SAM_GOV_API_KEY', '  ');
    expect(resolveOptions({ ueiFile: 'u.csv' }).apiKey).toBeUndefined();
    expect(refusal({ ueiFile: 'u.csv', apiKey: ' ' })).toContain(
      'option apiKey must not be empty: pass the key or set the SAM_GOV_API_KEY environment variable',
    );
    const message = refusal({ apiKey: 12345678, ueiFile: 'u.csv' });
    expect(message).toContain('option apiKey must be a SAM.gov API key');
    expect(message).not.toContain('12345678');
  });

  it('reads includeSections as a list or a comma string, All included, and requires entityRegistration', () => {
    const sections = (value: unknown) =>
      resolveOptions({ apiKey: 'k', ueis: [], ueiFile: 'f', includeSections: value }).includeSections;
    expect(sections('entityRegistration, coreData,repsAndCerts')).toEqual([
      'entityRegistration',
      'coreData',
      'repsAndCerts',
    ]);
    expect(sections(['All', 'integrityInformation'])).toEqual([
      'entityRegistration',
      'coreData',
      'assertions',
      'pointsOfContact',
      'integrityInformation',
    ]);
    expect(refusal({ apiKey: 'k', ueiFile: 'f', includeSections: 'coreData' })).toContain(
      'option includeSections must include entityRegistration',
    );
    expect(refusal({ apiKey: 'k', ueiFile: 'f', includeSections: 'entityRegistration,cores' })).toContain(
      'has "cores", which is not a section',
    );
  });

  it('names each bad option and the value expected', () => {
    expect(refusal({ apiKey: 'k', ueiFile: 'f', batchSize: 101 })).toContain(
      'option batchSize must be at most 100, the most UEIs one look-up may name (got 101)',
    );
    expect(refusal({ apiKey: 'k', ueis: ['ZQGGHJH74DW7', 'O0000000000A'] })).toContain(
      'option ueis[1] is not a UEI (12 letters and digits, without I or O, not starting with 0) (got "O0000000000A")',
    );
    expect(refusal({ apiKey: 'k', ueiFile: 'f', registrationStatus: 'X' })).toContain(
      'option registrationStatus must be "A"',
    );
    expect(refusal({ apiKey: 'k', ueiFile: 'f', baseUrl: 'ftp://x' })).toContain(
      'option baseUrl must be an http(s) URL',
    );
    expect(refusal({ apiKey: 'k', ueiFile: 'f', ueisFromSources: [{ source: 'usaspending' }] })).toContain(
      'option ueisFromSources[0].field',
    );
    expect(refusal({ apiKey: 'k', ueiFile: 'f', pageSize: 5 })).toContain('option pageSize is not known');
    expect(refusal({ apiKey: 'k' })).toContain('give ueiFile, ueis or ueisFromSources');
  });

  it('builds a source with the documented defaults', () => {
    const source = samGov({ apiKey: 'secret-key', ueis: ['ZQGGHJH74DW7'] });
    expect(source.id).toBe('sam_gov');
    expect(source.sla).toBe('7d');
    expect(source.quota).toEqual(SAM_GOV_DEFAULT_QUOTA);
    expect(source.quota.dailyBudget).toBe(1_000);
    expect(source.secrets).toEqual(['secret-key']);
    expect(source.cohort.parse('uei_batch_0001').ordinal).toBe(1);
    expect(source.estimateCalls?.(source.cohort.fromOrdinal(1), source.options)).toBe(10);
    expect(() => samGov({ apiKey: 'k' })).toThrow(/give ueiFile, ueis or ueisFromSources/);
  });

  it('builds a source without a key, with no secrets, so a configuration can keep it disabled', () => {
    vi.stubEnv('SAM_GOV_API_KEY', undefined);
    const source = samGov({ ueis: ['ZQGGHJH74DW7'] });
    expect(source.options.apiKey).toBeUndefined();
    expect(source.secrets).toBeUndefined();
  });
});
