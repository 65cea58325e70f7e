import { type Http, parseResponse } from '@freshet/core';
import { z } from 'zod';
import { AWARD_TYPE_CODES, type AwardTypeGroup } from './award-types.js';
import {
  USASPENDING_SEARCH_PATH,
  USASPENDING_SORT_FIELD,
  USASPENDING_SORT_ORDER,
  USASPENDING_SOURCE_ID,
} from './defaults.js';
import type { UsaspendingAward, UsaspendingDateType, UsaspendingOptions } from './types.js';

export const SEARCH_ENDPOINT = `POST ${USASPENDING_SEARCH_PATH}`;

export interface TimePeriod {
  start_date: string;
  end_date: string;
  date_type?: UsaspendingDateType;
}

/** `filters` of `spending_by_award`, keys in the order the API's own clients send them. */
export interface SearchFilters {
  agencies?: Array<{ type: string; tier: string; name: string; toptier_name?: string }>;
  award_type_codes: string[];
  keywords?: string[];
  program_numbers?: string[];
  recipient_search_text?: string[];
  recipient_type_names?: string[];
  time_period: TimePeriod[];
}

/** The body of `POST /api/v2/search/spending_by_award/` as the contract documents it. */
export interface SearchBody {
  fields: string[];
  filters: SearchFilters;
  limit: number;
  page: number;
  sort: string;
  order: 'asc' | 'desc';
  subawards: false;
  spending_level: 'awards';
  last_record_unique_id?: number;
  last_record_sort_value?: string;
}

export interface SearchRequest {
  group: AwardTypeGroup;
  fields: readonly string[];
  timePeriod: TimePeriod;
  filters: Pick<
    UsaspendingOptions,
    'keywords' | 'programNumbers' | 'agencies' | 'recipientSearchText' | 'recipientTypeNames'
  >;
  limit: number;
  page: number;
  /** search_after position; null asks by page number. */
  after: { id: number; sort: string } | null;
}

/**
 * One request: one award type group (the API refuses a mix), a stable sort (Award ID, the API
 * breaks ties on internal id), and both cursor fields once a page has given them, which
 * switches the API to search_after paging. Empty filter lists are left out: the API refuses
 * them.
 */
export function searchBody(request: SearchRequest): SearchBody {
  const f = request.filters;
  const filters: SearchFilters = {
    ...(f.agencies?.length
      ? {
          agencies: f.agencies.map((a) => ({
            name: a.name,
            tier: a.tier,
            type: a.type,
            ...(a.toptierName === undefined ? {} : { toptier_name: a.toptierName }),
          })),
        }
      : {}),
    award_type_codes: [...AWARD_TYPE_CODES[request.group]],
    ...(f.keywords?.length ? { keywords: [...f.keywords] } : {}),
    ...(f.programNumbers?.length ? { program_numbers: [...f.programNumbers] } : {}),
    ...(f.recipientSearchText?.length ? { recipient_search_text: [...f.recipientSearchText] } : {}),
    ...(f.recipientTypeNames?.length ? { recipient_type_names: [...f.recipientTypeNames] } : {}),
    time_period: [{ ...request.timePeriod }],
  };
  return {
    fields: [...request.fields],
    filters,
    limit: request.limit,
    page: request.page,
    sort: USASPENDING_SORT_FIELD,
    order: USASPENDING_SORT_ORDER,
    // `subawards` for deployments before spending_level, `spending_level` for those after.
    subawards: false,
    spending_level: 'awards',
    ...(request.after
      ? { last_record_unique_id: request.after.id, last_record_sort_value: request.after.sort }
      : {}),
  };
}

// Permissive where the API is (requested fields are nullable and vary by group; extra fields
// pass through), strict on what keys and paging rely on.
const text = z.string().nullish();

export const awardSchema = z.looseObject({
  internal_id: z.number().int(),
  generated_internal_id: z.string().min(1),
  'Award ID': text,
  'Recipient Name': text,
  'Recipient UEI': text,
  'Award Amount': z.number().nullish(),
  awarding_agency_id: z.number().int().nullish(),
  agency_slug: text,
}) satisfies z.ZodType<UsaspendingAward>;

export const pageMetadataSchema = z.looseObject({
  page: z.number().int(),
  hasNext: z.boolean(),
  // Absent in the API's early "no intersection" answer; null and "None" on the last page.
  last_record_unique_id: z.number().int().nullish(),
  last_record_sort_value: z.string().nullish(),
});

export const searchResponseSchema = z.looseObject({
  // Newer deployments only (the recorded 2023 pages lack it).
  spending_level: z.string().optional(),
  limit: z.number().int(),
  results: z.array(awardSchema),
  page_metadata: pageMetadataSchema,
  messages: z.array(z.string()).nullish(),
});

export type SearchResponse = z.infer<typeof searchResponseSchema>;

/** One search request; the body is validated (SCHEMA_DRIFT names the field that changed). */
export async function searchAwards(
  http: Http,
  baseUrl: string,
  body: SearchBody,
  signal: AbortSignal,
): Promise<SearchResponse> {
  const { body: json } = await http.json({
    method: 'POST',
    url: `${baseUrl}${USASPENDING_SEARCH_PATH}`,
    json: body,
    signal,
  });
  parseResponse(searchResponseSchema, json, { source: USASPENDING_SOURCE_ID, endpoint: SEARCH_ENDPOINT });
  // Valid, so it is a SearchResponse; the body as sent keeps each row's fields in the API's
  // order, which zod's output would rearrange.
  return json as SearchResponse;
}
