import { ErrorCodes, type FreshetError, type Http, isFreshetError } from '@freshet/core';
import { fetchOneSlice } from '@freshet/testkit/conformance';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PATENTSVIEW_DEFAULT_FIELDS, PATENTSVIEW_DEFAULT_QUOTA } from './defaults.js';
import { grantDays } from './month.js';
import { resolveOptions } from './options.js';
import { sliceFromPage } from './paging.js';
import { patentsview, patentsviewCohorts } from './source.js';

const KEY = 'abcd1234.secretsecretsecret';

afterEach(() => {
  vi.unstubAllEnvs();
});

function refusal(run: () => unknown): FreshetError {
  try {
    run();
  } catch (err) {
    if (isFreshetError(err)) return err;
    throw err;
  }
  throw new Error('expected OPTIONS_INVALID');
}

describe('patentsview(options)', () => {
  it('has the id, cohorts, quota and SLA of the API', () => {
    const source = patentsview({ apiKey: KEY });
    expect(source.id).toBe('patentsview');
    expect(source.cohort.prefix).toBe('grant_month');
    expect(source.cohort.kind).toBe('month');
    expect(source.quota).toEqual({
      maxConcurrent: 2,
      requestsPerInterval: 45,
      intervalMs: 60_000,
      dailyBudget: null,
      timeoutMs: 60_000,
      retry: { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 },
    });
    expect(source.quota).not.toBe(PATENTSVIEW_DEFAULT_QUOTA);
    expect(source.sla).toBe('30d');
    expect(source.options).toEqual({
      baseUrl: 'https://search.patentsview.org',
      apiKey: KEY,
      pageSize: 1000,
      fields: [...PATENTSVIEW_DEFAULT_FIELDS],
      method: 'GET',
      includeWithdrawn: false,
      recentMonths: 12,
    });
    expect(source.secrets).toEqual([KEY]);
    expect(source.recordKey({ patent_id: 'D1010000' })).toBe('D1010000');
    expect(source.optionsSchema?.parse(source.options)).toEqual(source.options);
  });

  it('takes the key from PATENTSVIEW_API_KEY, and the option over it', () => {
    vi.stubEnv('PATENTSVIEW_API_KEY', ' env.key ');
    expect(patentsview().options.apiKey).toBe('env.key');
    expect(patentsview().secrets).toEqual(['env.key']);
    expect(patentsview({ apiKey: KEY }).options.apiKey).toBe(KEY);
  });

  it('adds patent_id to the fields, once, and trims a trailing slash from baseUrl', () => {
    const source = patentsview({
      apiKey: KEY,
      fields: ['patent_title', 'patent_title'],
      baseUrl: 'http://x.test/',
    });
    expect(source.options.fields).toEqual(['patent_id', 'patent_title']);
    expect(source.options.baseUrl).toBe('http://x.test');
  });

  it.each([
    [
      { pageSize: 5000 },
      'option pageSize must be a whole number from 1 to 1000, the patents per request (got 5000)',
    ],
    [{ pageSize: 0 }, 'option pageSize must be a whole number from 1 to 1000'],
    [{ baseUrl: 'search.patentsview.org' }, 'option baseUrl must be an http(s) URL'],
    [{ method: 'PUT' }, 'option method must be "GET" or "POST" (got "PUT")'],
    [{ fields: [] }, 'option fields must name at least one field'],
    [{ fields: ['Patent Title'] }, 'option fields[0] a field name looks like "patent_title"'],
    [{ includeWithdrawn: 'yes' }, 'option includeWithdrawn must be true or false (got "yes")'],
    [{ pagesize: 10 }, 'option pagesize is not known (known options: baseUrl, apiKey, pageSize, fields'],
    [
      { apiKey: '' },
      'option apiKey must not be empty; give the key or set PATENTSVIEW_API_KEY (got a hidden value)',
    ],
  ])('refuses bad options with OPTIONS_INVALID naming the option: %j', (options, message) => {
    const err = refusal(() => patentsview(options as never));
    expect(err.code).toBe(ErrorCodes.OPTIONS_INVALID);
    expect(err.message).toContain('[freshet] [patentsview] invalid options:');
    expect(err.message).toContain(message);
  });

  it('never shows the key in a refusal', () => {
    const err = refusal(() => resolveOptions({ apiKey: 12345678, pageSize: -1 }));
    expect(err.message).toContain('option apiKey must be the API key as a string');
    expect(err.message).not.toContain('12345678');
  });

  it('without a key, is created but fails its first slice with AUTH_FAILED, sending nothing', async () => {
    vi.stubEnv('PATENTSVIEW_API_KEY', '');
    const source = patentsview();
    expect(source.options.apiKey).toBeUndefined();
    expect(source.secrets).toBeUndefined();
    const json = vi.fn();
    const http = { json, request: vi.fn(), stats: vi.fn() } as unknown as Http;
    const err = await fetchOneSlice(source, { partition: 'patentsview:grant_month_2025-01', http }).catch(
      (e: unknown) => e,
    );
    expect(isFreshetError(err, ErrorCodes.AUTH_FAILED)).toBe(true);
    expect((err as Error).message).toContain('set PATENTSVIEW_API_KEY or the apiKey option');
    expect(json).not.toHaveBeenCalled();
  });
});

describe('partitions', () => {
  const source = patentsview({ apiKey: KEY });

  it('lists the configured range, oldest first', async () => {
    const cohorts = await source.listPartitions({
      options: source.options,
      range: '2024-11..2025-02',
      now: new Date(),
    });
    expect(cohorts.map((c) => c.key)).toEqual([
      'grant_month_2024-11',
      'grant_month_2024-12',
      'grant_month_2025-01',
      'grant_month_2025-02',
    ]);
  });

  it('lists the recent months up to the current one without a range', async () => {
    const now = new Date('2025-03-18T10:00:00Z');
    const cohorts = await source.listPartitions({ options: { ...source.options, recentMonths: 3 }, now });
    expect(cohorts.map((c) => c.value)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(await source.listPartitions({ options: source.options, now })).toHaveLength(12);
  });

  it('turns a month into its first and last grant day', () => {
    expect(grantDays(patentsviewCohorts.parse('grant_month_2024-02'))).toEqual({
      first: '2024-02-01',
      last: '2024-02-29',
    });
    expect(grantDays(patentsviewCohorts.parse('grant_month_2025-12'))).toEqual({
      first: '2025-12-01',
      last: '2025-12-31',
    });
  });
});

describe('paging', () => {
  const page = (ids: string[], total = 5000) => ({
    count: ids.length,
    total_hits: total,
    patents: ids.map((patent_id) => ({ patent_id })),
  });

  it('continues after a full page from its last patent_id, in keyword order', () => {
    const slice = sliceFromPage('p', page(['10000001', '9999998', 'D1000000']), null, 3);
    expect(slice).toMatchObject({ cursor: { after: 'D1000000' }, done: false, total: 5000 });
  });

  it('is done on a short page and on an empty one', () => {
    expect(sliceFromPage('p', page(['7', '8']), '6', 3)).toMatchObject({
      done: true,
      cursor: { after: '8' },
    });
    expect(sliceFromPage('p', page([], 0), null, 3)).toMatchObject({ done: true, cursor: null, records: [] });
    expect(sliceFromPage('p', page([]), '9', 3)).toMatchObject({ done: true, cursor: { after: '9' } });
  });

  it('refuses a page out of patent_id order or not past after, rather than lose patents', () => {
    for (const [ids, after] of [
      [['7', '6', '8'], null],
      [['5', '6', '7'], '6'],
      [['6', '7', '8'], '6'],
    ] as const) {
      const err = refusal(() => sliceFromPage('patentsview:grant_month_2025-01', page([...ids]), after, 3));
      expect(err.code).toBe(ErrorCodes.BAD_RESPONSE);
      expect(err.message).toContain('out of patent_id order');
    }
  });
});
