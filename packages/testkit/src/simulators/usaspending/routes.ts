import { DJANGO_500_HTML, html, json, nginxErrorPage, text } from '../../sim/responses.js';
import { mapListItems, renameKey } from '../../sim/schema-drift.js';
import type { Route, SimRequest, SimResponse, SimulatorResponses, ThrottleInfo } from '../../sim/types.js';
import type { UsaspendingDataset } from './dataset.js';
import { type SearchCache, type SortKey, searchAfter } from './query.js';
import { buildRow, FIELD_MAPPINGS, parseSortValue, sortKindOf, sortValueText } from './record.js';
import {
  type ParsedFilters,
  type ParsedSearch,
  parseCount,
  parseSearch,
  TIME_PERIOD_MESSAGE,
  unusedFiltersMessage,
} from './request.js';
import { ApiError, pyRepr } from './tinyshield.js';
import type {
  UsaspendingCountResponse,
  UsaspendingGroupCounts,
  UsaspendingPageMetadata,
  UsaspendingSearchResponse,
} from './types.js';
import { AWARD_TYPE_GROUPS, type AwardTypeGroup, GROUP_CODES, TYPE_MAPPINGS } from './vocab.js';

export const SEARCH_PATH = '/api/v2/search/spending_by_award/';
export const COUNT_PATH = '/api/v2/search/spending_by_award_count/';

export const DEFAULT_MAX_RESULT_WINDOW = 50_000;

/** DRF's JSON answers: `application/json` and the view's allowed methods, as recorded. */
const DRF_HEADERS = { 'content-type': 'application/json', allow: 'POST, OPTIONS' };

export interface RouteOptions {
  maxResultWindow: number;
  totalHitsCap: number | null;
}

/** Sort keys the view does not check against the field mappings (they are objects). */
const UNCHECKED_SORT_KEYS = new Set([
  'NAICS',
  'PSC',
  'Recipient Location',
  'Primary Place of Performance',
  'Assistance Listing',
  'Sub-Recipient Location',
  'Sub-Award Primary Place of Performance',
]);

const GROUP_LABELS: Readonly<Record<AwardTypeGroup, string>> = {
  contracts: 'Contract Award',
  idvs: 'IDV Award',
  loans: 'Loan Award',
  grants: 'Non-Loan Assistance Award',
  direct_payments: 'Non-Loan Assistance Award',
  other: 'Non-Loan Assistance Award',
};

function errorResponse(error: unknown): SimResponse {
  if (error instanceof ApiError && error.status !== 500)
    return json(error.status, { detail: error.detail }, DRF_HEADERS);
  // Anything else is an unhandled exception in the view: Django's plain 500 page.
  return html(500, DJANGO_500_HTML);
}

/**
 * The 422 of `raise_if_award_types_not_valid_subset`: `detail` is an object. The group names
 * are the API's own (including its swap of the direct payment and other labels).
 */
export function mixedGroupsDetail(): unknown {
  return {
    message: "'award_type_codes' must only contain types from one group.",
    award_type_groups: {
      contracts: TYPE_MAPPINGS.contracts,
      loans: TYPE_MAPPINGS.loans,
      idvs: TYPE_MAPPINGS.idvs,
      grants: TYPE_MAPPINGS.grants,
      other_financial_assistance: TYPE_MAPPINGS.direct_payments,
      direct_payments: TYPE_MAPPINGS.other,
    },
  };
}

/** The one group all codes belong to, or undefined when they mix groups. */
function singleGroup(codes: readonly string[]): AwardTypeGroup | undefined {
  return AWARD_TYPE_GROUPS.find((group) => codes.every((code) => GROUP_CODES[group].includes(code)));
}

function messages(req: SimRequest): string[] {
  const filters = (req.body as { filters?: unknown } | undefined)?.filters;
  const unused = unusedFiltersMessage(filters);
  return unused ? [TIME_PERIOD_MESSAGE, unused] : [TIME_PERIOD_MESSAGE];
}

function windowMessage(q: ParsedSearch, window: number): string {
  return `Page #${q.page} with limit ${q.limit} is over the maximum result limit ${window}. Please provide the 'last_record_sort_value' and 'last_record_unique_id' to paginate sequentially.`;
}

function searchAwards(
  ds: UsaspendingDataset,
  cache: SearchCache,
  options: RouteOptions,
  req: SimRequest,
): SimResponse {
  let q: ParsedSearch;
  try {
    q = parseSearch(req.body);
  } catch (error) {
    return errorResponse(error);
  }
  if (q.subawards) {
    return json(400, { detail: '[freshet] [sim:usaspending] subaward search is not simulated' }, DRF_HEADERS);
  }
  const codes = q.filters.awardTypeCodes ?? [];
  if (codes.includes('no intersection')) {
    // The website's "no results" marker: an early answer without cursor fields.
    return json(
      200,
      {
        limit: q.limit,
        results: [],
        page_metadata: { page: q.page, hasNext: false },
        messages: messages(req),
      },
      DRF_HEADERS,
    );
  }
  const group = singleGroup(codes);
  if (!group) return json(422, { detail: mixedGroupsDetail() }, DRF_HEADERS);

  const sortField = q.sort ?? (q.fields[0] as string);
  if (!UNCHECKED_SORT_KEYS.has(sortField)) {
    const mapping = Object.keys(FIELD_MAPPINGS[group]);
    if (!mapping.includes(sortField)) {
      return json(
        400,
        {
          detail: `Sort value '${sortField}' not found in ${GROUP_LABELS[group]} mappings: ${pyRepr(mapping)}`,
        },
        DRF_HEADERS,
      );
    }
    if (!q.fields.includes(sortField)) {
      return json(
        400,
        { detail: `Sort value '${sortField}' not found in requested fields: ${pyRepr(q.fields)}` },
        DRF_HEADERS,
      );
    }
  }

  const afterGiven = q.lastRecordUniqueId !== null || q.lastRecordSortValue !== null;
  if (afterGiven && (q.lastRecordUniqueId === null || q.lastRecordSortValue === null)) {
    // "Using search_after … requires both" is raised as a bare Exception: a 500.
    return errorResponse(new Error('search_after requires both cursor values'));
  }
  const recordNum = (q.page - 1) * q.limit;
  if (!afterGiven && recordNum >= options.maxResultWindow) {
    return json(422, { detail: windowMessage(q, options.maxResultWindow) }, DRF_HEADERS);
  }

  const kind = sortKindOf(sortField);
  const descending = q.order === 'desc';
  const hits = cache.get(q.filters, { field: sortField, descending });
  let start: number;
  let hasNext: boolean;
  let end: number;
  if (afterGiven) {
    const value = parseSortValue(q.lastRecordSortValue as string, kind);
    if (value === undefined) return errorResponse(new Error('search_after value does not parse'));
    start = searchAfter(hits, { value, id: q.lastRecordUniqueId as number }, descending);
    // One extra hit tells whether there is a next page.
    hasNext = hits.order.length - start > q.limit;
    end = Math.min(hits.order.length, start + q.limit);
  } else {
    // Elasticsearch refuses from + size past its max_result_window.
    if (recordNum + q.limit > options.maxResultWindow)
      return errorResponse(new Error('Result window is too large'));
    start = recordNum;
    end = Math.min(hits.order.length, start + q.limit);
    const total =
      options.totalHitsCap === null ? hits.order.length : Math.min(hits.order.length, options.totalHitsCap);
    hasNext = total - recordNum > q.limit;
  }

  const results = [];
  for (let k = start; k < end; k++) results.push(buildRow(ds, hits.order[k] as number, q.fields));
  const last: SortKey | undefined = hasNext && end > start ? hits.keys[end - 1] : undefined;
  const pageMetadata: UsaspendingPageMetadata = {
    page: q.page,
    hasNext,
    last_record_unique_id: last ? last.id : null,
    last_record_sort_value: sortValueText(last ? last.value : null, kind),
  };
  const body: UsaspendingSearchResponse = {
    spending_level: 'awards',
    limit: q.limit,
    results,
    page_metadata: pageMetadata,
    messages: messages(req),
  };
  return json(200, body, DRF_HEADERS);
}

/** Matching awards per group, as `spending_by_award_count` answers. */
export function countByGroup(
  ds: UsaspendingDataset,
  cache: SearchCache,
  filters: ParsedFilters,
): UsaspendingGroupCounts {
  const counts: UsaspendingGroupCounts = {
    contracts: 0,
    direct_payments: 0,
    grants: 0,
    idvs: 0,
    loans: 0,
    other: 0,
  };
  if (filters.awardTypeCodes?.includes('no intersection')) return counts;
  for (const i of cache.get(filters, { field: 'Award ID', descending: true }).order) counts[ds.groupOf(i)]++;
  return counts;
}

function countAwards(ds: UsaspendingDataset, cache: SearchCache, req: SimRequest): SimResponse {
  let filters: ParsedFilters;
  try {
    const parsed = parseCount(req.body);
    if (parsed.subawards) {
      return json(
        400,
        { detail: '[freshet] [sim:usaspending] subaward counts are not simulated' },
        DRF_HEADERS,
      );
    }
    filters = parsed.filters;
  } catch (error) {
    return errorResponse(error);
  }
  const results = countByGroup(ds, cache, filters);
  const body: UsaspendingCountResponse = { results, spending_level: 'awards', messages: messages(req) };
  return json(200, body, DRF_HEADERS);
}

/** Django's APPEND_SLASH answer to a path without its trailing slash. */
function appendSlash(path: string): Route {
  return {
    method: ['GET', 'POST'],
    path: path.slice(0, -1),
    handler: () => ({
      status: 301,
      text: '',
      headers: { location: path, 'content-type': 'text/html; charset=utf-8' },
    }),
  };
}

export function usaspendingRoutes(
  ds: UsaspendingDataset,
  cache: SearchCache,
  options: RouteOptions,
): Route[] {
  return [
    { method: 'POST', path: SEARCH_PATH, handler: (req) => searchAwards(ds, cache, options, req) },
    { method: 'POST', path: COUNT_PATH, handler: (req) => countAwards(ds, cache, req) },
    appendSlash(SEARCH_PATH),
    appendSlash(COUNT_PATH),
  ];
}

/** Django's stock 404 page (DEBUG off). */
const DJANGO_404_HTML =
  '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

export const usaspendingResponses: Partial<SimulatorResponses> = {
  notFound: () => html(404, DJANGO_404_HTML),
  methodNotAllowed: (req) => json(405, { detail: `Method "${req.method}" not allowed.` }, DRF_HEADERS),
  invalidJson: () =>
    json(400, { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' }, DRF_HEADERS),
  // The API documents no rate limit; under bursts it has been seen to answer nothing useful:
  // an empty reply for a spike, a gateway 503 (with Retry-After) past the sustained rate.
  throttled: (info: ThrottleInfo) =>
    info.reason === 'window'
      ? html(503, nginxErrorPage(503, 'Service Temporarily Unavailable'))
      : text(200, '', 'application/json'),
  http500: () => html(500, DJANGO_500_HTML),
  http503: () => html(503, nginxErrorPage(503, 'Service Temporarily Unavailable')),
};

/** Schema drift: `generated_internal_id` becomes `generated_unique_award_id` in every row. */
export function usaspendingSchemaChange(body: unknown): unknown {
  return mapListItems(body, 'results', (r) =>
    renameKey(r, 'generated_internal_id', 'generated_unique_award_id'),
  );
}
