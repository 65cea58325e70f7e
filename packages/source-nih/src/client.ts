import { type Http, parseResponse } from '@freshet/core';
import { z } from 'zod';
import { NIH_SEARCH_PATH, NIH_SOURCE_ID } from './defaults.js';
import type { NihOptions, NihProject } from './types.js';
import type { NoticeDateRange } from './week.js';

export const SEARCH_ENDPOINT = `POST ${NIH_SEARCH_PATH}`;

/** The body of `POST /v2/projects/search` as the API documents it. */
export interface SearchBody {
  criteria: {
    activity_codes: string[];
    award_notice_date: NoticeDateRange;
    agencies?: string[];
    fiscal_years?: number[];
  };
  offset: number;
  limit: number;
  sort_field: 'appl_id';
  sort_order: 'asc';
}

/**
 * One page of a week cohort. Sorted by appl_id: without a sort field the API orders by
 * relevance, which is no order to page through.
 */
export function searchBody(
  options: Pick<NihOptions, 'activityCodes' | 'agencies' | 'fiscalYears'>,
  window: NoticeDateRange,
  page: { offset: number; limit: number },
): SearchBody {
  return {
    criteria: {
      activity_codes: [...options.activityCodes],
      award_notice_date: { from_date: window.from_date, to_date: window.to_date },
      ...(options.agencies ? { agencies: [...options.agencies] } : {}),
      ...(options.fiscalYears ? { fiscal_years: [...options.fiscalYears] } : {}),
    },
    offset: page.offset,
    limit: page.limit,
    sort_field: 'appl_id',
    sort_order: 'asc',
  };
}

// Permissive where the API is (nulls everywhere, fields come and go), strict on what paging
// and keys rely on: appl_id, total, offset.
const text = z.string().nullish();
const count = z.number().nullish();

const organizationSchema = z.looseObject({ org_name: text, primary_uei: text }).nullish();

export const projectSchema = z.looseObject({
  appl_id: z.number().int().positive(),
  project_num: text,
  core_project_num: text,
  fiscal_year: z.number().int().nullish(),
  activity_code: text,
  award_amount: count,
  award_notice_date: text,
  project_title: text,
  organization: organizationSchema,
  principal_investigators: z.array(z.looseObject({})).nullish(),
}) satisfies z.ZodType<NihProject>;

export const metaSchema = z.looseObject({
  search_id: text,
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
  sort_field: text,
  sort_order: text,
  sorted_by_relevance: z.boolean().nullish(),
  // Holds the API's own `https:/reporter.nih.gov/...` (one slash): any string passes.
  properties: z.looseObject({ URL: text }).nullish(),
});

export const searchResponseSchema = z.looseObject({
  meta: metaSchema,
  results: z.array(projectSchema),
});

export type SearchResponse = z.infer<typeof searchResponseSchema>;

/** One search request; the body is validated (SCHEMA_DRIFT names the field that changed). */
export async function searchProjects(
  http: Http,
  baseUrl: string,
  body: SearchBody,
  signal: AbortSignal,
): Promise<SearchResponse> {
  const { body: json } = await http.json({
    method: 'POST',
    url: `${baseUrl}${NIH_SEARCH_PATH}`,
    json: body,
    signal,
  });
  return parseResponse(searchResponseSchema, json, { source: NIH_SOURCE_ID, endpoint: SEARCH_ENDPOINT });
}

/** The reporter.nih.gov page of a search, with the API's `https:/` typo mended. */
export function searchPageUrl(meta: Pick<SearchResponse['meta'], 'properties'>): string | undefined {
  const url = meta.properties?.URL;
  return url ? url.replace(/^(https?):\/(?!\/)/, '$1://') : undefined;
}
