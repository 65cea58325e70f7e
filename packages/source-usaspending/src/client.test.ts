import { readFileSync } from 'node:fs';
import { ErrorCodes, FreshetError, parseResponse } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { AWARD_TYPE_CODES } from './award-types.js';
import { SEARCH_ENDPOINT, type SearchResponse, searchBody, searchResponseSchema } from './client.js';
import { sliceFromPage } from './paging.js';
import type { UsaspendingAgency } from './types.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));
const PAGE1 = fixture('awardfindr-vcr-spending_by_award-page1.response.json');
const PAGE9 = fixture('awardfindr-vcr-spending_by_award-page9-last.response.json');
const META1 = fixture('awardfindr-vcr-spending_by_award-page1.interaction-meta.json') as {
  request: { method: string; uri: string; body: string };
};
const META9 = fixture('awardfindr-vcr-spending_by_award-page9-last.interaction-meta.json') as {
  request: { method: string; uri: string; body: string };
};

const parse = (body: unknown): SearchResponse =>
  parseResponse(searchResponseSchema, body, { source: 'usaspending', endpoint: SEARCH_ENDPOINT });

/** The recorded query, in this adapter's terms. */
function recordedRequest(page: number) {
  const recorded = JSON.parse(META1.request.body) as {
    fields: string[];
    filters: { agencies: UsaspendingAgency[] };
  };
  return {
    group: 'grants' as const,
    fields: recorded.fields,
    timePeriod: { start_date: '2012-01-01', end_date: '2014-01-01' },
    filters: {
      agencies: recorded.filters.agencies.map((a) => ({ type: a.type, tier: a.tier, name: a.name })),
      keywords: ['test'],
      recipientTypeNames: ['higher_education'],
    },
    limit: 50,
    page,
    after: null,
  };
}

describe('searchBody', () => {
  it.each([
    [1, META1],
    [9, META9],
  ])(
    'builds the recorded request of page %i, with the sort and spending level made explicit',
    (page, meta) => {
      expect(meta.request.method).toBe('post');
      expect(meta.request.uri).toBe('https://api.usaspending.gov/api/v2/search/spending_by_award/');
      const recorded = JSON.parse(meta.request.body) as Record<string, unknown>;
      const body = searchBody(recordedRequest(page));
      // The recording's R client sent subawards as the string "false", which the API reads as false.
      expect(recorded.subawards).toBe('false');
      expect(body).toEqual({ ...recorded, subawards: false, sort: 'Award ID', spending_level: 'awards' });
      expect(Object.keys(body).filter((k) => k in recorded)).toEqual(Object.keys(recorded));
      expect(Object.keys(body.filters)).toEqual(Object.keys(recorded.filters as object));
      expect(JSON.stringify(body.filters)).toBe(JSON.stringify(recorded.filters));
    },
  );

  it('asks search_after with both cursor fields, one group, and leaves empty filters out', () => {
    const body = searchBody({
      group: 'contracts',
      fields: ['Award ID', 'Award Amount'],
      timePeriod: { start_date: '2023-10-01', end_date: '2024-09-30', date_type: 'action_date' },
      filters: { keywords: [], agencies: [] },
      limit: 100,
      page: 7,
      after: { id: 50143087, sort: 'W81XWH1010539' },
    });
    expect(body).toEqual({
      fields: ['Award ID', 'Award Amount'],
      filters: {
        award_type_codes: ['A', 'B', 'C', 'D'],
        time_period: [{ start_date: '2023-10-01', end_date: '2024-09-30', date_type: 'action_date' }],
      },
      limit: 100,
      page: 7,
      sort: 'Award ID',
      order: 'desc',
      subawards: false,
      spending_level: 'awards',
      last_record_unique_id: 50143087,
      last_record_sort_value: 'W81XWH1010539',
    });
    expect(AWARD_TYPE_CODES.other).toEqual(['09', '11', '-1']);
  });
});

describe('response schema', () => {
  it('parses the recorded first page: 50 awards, hasNext, cursor fields', () => {
    const page = parse(PAGE1);
    expect(page.results).toHaveLength(50);
    expect(page.page_metadata).toEqual({
      page: 1,
      hasNext: true,
      last_record_unique_id: 50143087,
      last_record_sort_value: 'W81XWH1010539',
    });
    expect(page.results[0]).toEqual((PAGE1 as { results: unknown[] }).results[0]);
    expect(page.results.every((r) => /^ASST_NON_/.test(r.generated_internal_id))).toBe(true);
  });

  it('parses the recorded last page: 32 awards, hasNext false, null id and "None"', () => {
    const page = parse(PAGE9);
    expect(page.results).toHaveLength(32);
    expect(page.page_metadata).toEqual({
      page: 9,
      hasNext: false,
      last_record_unique_id: null,
      last_record_sort_value: 'None',
    });
  });

  it('turns the recorded pages into slices: search_after from page 1, the next group after page 9', () => {
    const position = { groupIndex: 0, group: 'grants' as const, page: 1, after: null };
    const first = sliceFromPage(
      'usaspending:award_year_2013',
      position,
      ['grants', 'loans'],
      50,
      parse(PAGE1),
    );
    expect(first).toMatchObject({
      done: false,
      cursor: { groupIndex: 0, group: 'grants', page: 2, after: { id: 50143087, sort: 'W81XWH1010539' } },
    });
    expect(first.records).toHaveLength(50);
    const at9 = { ...position, page: 9, after: { id: 1, sort: 'X' } };
    const last = sliceFromPage('usaspending:award_year_2013', at9, ['grants', 'loans'], 50, parse(PAGE9));
    expect(last).toMatchObject({
      done: false,
      cursor: { groupIndex: 1, group: 'loans', page: 1, after: null },
    });
    const end = sliceFromPage('usaspending:award_year_2013', at9, ['grants'], 50, parse(PAGE9));
    expect(end).toMatchObject({ done: true, cursor: null });
    expect(end.records).toHaveLength(32);
  });

  it('fails with SCHEMA_DRIFT naming the field when the shape changes', () => {
    const renamed = structuredClone(PAGE1) as { results: Array<Record<string, unknown>> };
    const row = renamed.results[3] as Record<string, unknown>;
    row.generated_unique_award_id = row.generated_internal_id;
    delete row.generated_internal_id;
    const err = catchError(() => parse(renamed));
    expect(err.code).toBe(ErrorCodes.SCHEMA_DRIFT);
    expect(err.message).toContain('results[3].generated_internal_id');
    expect(err.details?.fields).toEqual(['results[3].generated_internal_id']);

    const retyped = structuredClone(PAGE9) as { page_metadata: Record<string, unknown> };
    retyped.page_metadata.hasNext = 'false';
    expect(catchError(() => parse(retyped)).message).toContain('page_metadata.hasNext');

    const noCursor = structuredClone(PAGE1) as { page_metadata: Record<string, unknown> };
    noCursor.page_metadata.last_record_unique_id = '50143087';
    expect(catchError(() => parse(noCursor)).details?.fields).toEqual([
      'page_metadata.last_record_unique_id',
    ]);
  });

  it('refuses a search_after page that has more rows but no cursor to go on from', () => {
    const broken = parse({
      ...(PAGE1 as object),
      page_metadata: { page: 4, hasNext: true, last_record_unique_id: null, last_record_sort_value: 'None' },
    });
    const position = { groupIndex: 0, group: 'grants' as const, page: 4, after: { id: 5, sort: 'A' } };
    const err = catchError(() =>
      sliceFromPage('usaspending:award_year_2013', position, ['grants'], 50, broken),
    );
    expect(err.code).toBe(ErrorCodes.SCHEMA_DRIFT);
    // On numbered pages it goes on by page number, up to the 50,000-row window.
    const numbered = { ...position, after: null };
    expect(sliceFromPage('k', numbered, ['grants'], 50, broken).cursor).toMatchObject({
      page: 5,
      after: null,
    });
    const deep = { ...numbered, page: 1000 };
    expect(catchError(() => sliceFromPage('k', deep, ['grants'], 50, broken)).code).toBe(
      ErrorCodes.COHORT_TOO_LARGE,
    );
  });
});

function catchError(fn: () => unknown): FreshetError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FreshetError) return err;
    throw err;
  }
  throw new Error('expected an error');
}
