import { readFileSync } from 'node:fs';
import { ErrorCodes, isFreshetError, parseResponse } from '@freshet/core';
import { buildNihRecord, NihDataset, shapeDiff } from '@freshet/testkit';
import { describe, expect, it } from 'vitest';
import { projectSchema, SEARCH_ENDPOINT, searchBody, searchPageUrl, searchResponseSchema } from './client.js';
import { resolveOptions } from './options.js';
import { nihCohorts } from './source.js';
import { noticeDateRange } from './week.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));

const RECORD = fixture('radx-metadata-compiler-v2-project-record-4U01AA029316-02.json') as Record<
  string,
  unknown
>;
const RECORD_2023 = fixture(
  'download-nih-reporter-prompt-v2-project-record-1R15DE032063-01A1.json',
) as Record<string, unknown>;
const ENVELOPE = fixture('download-nih-reporter-prompt-v2-meta-envelope.PARTIAL.json') as {
  meta: Record<string, unknown>;
  results: unknown[];
};
const context = { source: 'nih', endpoint: SEARCH_ENDPOINT };

function driftFields(body: unknown): string[] {
  try {
    parseResponse(searchResponseSchema, body, context);
  } catch (err) {
    if (isFreshetError(err, ErrorCodes.SCHEMA_DRIFT)) return (err.details?.fields as string[]) ?? [];
    throw err;
  }
  return [];
}

describe('the search request', () => {
  it('asks for one ISO week of SBIR/STTR award notices, sorted by appl_id, as the API documents', () => {
    const week = nihCohorts.parse('project_week_2025-W12');
    const body = searchBody(resolveOptions({}), noticeDateRange(week), { offset: 499, limit: 500 });
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        criteria: {
          activity_codes: ['R41', 'R42', 'R43', 'R44', 'U43', 'U44', 'UT1', 'UT2', 'SB1'],
          award_notice_date: { from_date: '2025-03-17', to_date: '2025-03-23' },
        },
        offset: 499,
        limit: 500,
        sort_field: 'appl_id',
        sort_order: 'asc',
      }),
    );
  });

  it('adds agencies and fiscal_years only when configured', () => {
    const options = resolveOptions({
      activityCodes: ['r43'],
      agencies: ['nci', 'NIAID'],
      fiscalYears: [2025, 2024],
    });
    const body = searchBody(
      options,
      { from_date: '2024-12-30', to_date: '2025-01-05' },
      { offset: 0, limit: 50 },
    );
    expect(body.criteria).toEqual({
      activity_codes: ['R43'],
      award_notice_date: { from_date: '2024-12-30', to_date: '2025-01-05' },
      agencies: ['NCI', 'NIAID'],
      fiscal_years: [2024, 2025],
    });
  });

  it('spans Monday to Sunday of the ISO week, across year ends and in 53-week years', () => {
    const range = (week: string) => noticeDateRange(nihCohorts.parseValue(week));
    expect(range('2025-W01')).toEqual({ from_date: '2024-12-30', to_date: '2025-01-05' });
    expect(range('2020-W53')).toEqual({ from_date: '2020-12-28', to_date: '2021-01-03' });
    expect(range('2024-W09')).toEqual({ from_date: '2024-02-26', to_date: '2024-03-03' });
  });
});

describe('the response schemas', () => {
  it('accept the real project record, keeping every field', () => {
    const project = projectSchema.parse(RECORD);
    expect(project).toEqual(RECORD);
    expect(project.appl_id).toBe(10320986);
    expect(Object.keys(project)).toHaveLength(Object.keys(RECORD).length);
  });

  it('accept the real record with terms, geo_lat_lon, spending categories and per-IC costs', () => {
    const project = projectSchema.parse(RECORD_2023);
    expect(project).toEqual(RECORD_2023);
    expect(project.agency_ic_fundings).toEqual([
      expect.objectContaining({ code: 'DE', direct_cost_ic: 63514, indirect_cost_ic: 30486 }),
      expect.objectContaining({ code: 'GM', direct_cost_ic: 236486, indirect_cost_ic: 113514 }),
    ]);
  });

  it('accept the simulator’s records, which have the real records’ shape', () => {
    const ds = new NihDataset({ seed: 3, weeks: 1, projectsPerWeek: 60 });
    const records = Array.from(ds.byApplId, (i) => buildNihRecord(ds, i));
    // Both are null together on real records too (spending_categories_desc of the FY2022 one).
    const nullable = ['spending_categories', 'spending_categories_desc'];
    const problems = new Set(
      records.flatMap((r) => [...shapeDiff(RECORD_2023, r, { nullable }), ...shapeDiff(RECORD, r)]),
    );
    expect([...problems]).toEqual([]);
    const categorised = records.find((r) => r.spending_categories !== null)!;
    expect(categorised.spending_categories_desc).toEqual(expect.any(String));
    const page = parseResponse(searchResponseSchema, { ...ENVELOPE, results: records }, context);
    expect(page.results).toEqual(records);
  });

  it('accept the real meta envelope with its `https:/` single-slash URL', () => {
    const page = parseResponse(searchResponseSchema, ENVELOPE, context);
    expect(page.meta.total).toBe(155);
    expect(page.meta.properties?.URL).toBe('https:/reporter.nih.gov/search/ER-AuCBZAk-N8muffzyktA/projects');
    expect(searchPageUrl(page.meta)).toBe('https://reporter.nih.gov/search/ER-AuCBZAk-N8muffzyktA/projects');
    expect(searchPageUrl({ properties: { URL: 'https://reporter.nih.gov/x' } })).toBe(
      'https://reporter.nih.gov/x',
    );
  });

  it('accept the envelope holding the real record, with the nulls the API sends', () => {
    const withNulls = { ...RECORD, award_amount: null, organization: null, fiscal_year: null };
    const page = parseResponse(searchResponseSchema, { ...ENVELOPE, results: [RECORD, withNulls] }, context);
    expect(page.results).toHaveLength(2);
  });

  it('report SCHEMA_DRIFT naming the field that changed', () => {
    const { appl_id, ...renamed } = RECORD;
    expect(driftFields({ ...ENVELOPE, results: [{ ...renamed, application_id: appl_id }] })).toEqual([
      'results[0].appl_id',
    ]);
    expect(driftFields({ ...ENVELOPE, results: [RECORD, { ...RECORD, appl_id: '10320986' }] })).toEqual([
      'results[1].appl_id',
    ]);
    expect(driftFields({ meta: { ...ENVELOPE.meta, total: '155' }, results: [] })).toEqual(['meta.total']);
    expect(driftFields({ ...ENVELOPE, results: [{ ...RECORD, organization: 'UW' }] })).toEqual([
      'results[0].organization',
    ]);
    expect(driftFields({ meta: ENVELOPE.meta })).toEqual(['results']);
  });
});
