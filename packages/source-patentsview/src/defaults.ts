import type { Quota } from '@freshet/core';

export const PATENTSVIEW_SOURCE_ID = 'patentsview';
export const PATENTSVIEW_DEFAULT_BASE_URL = 'https://search.patentsview.org';
export const PATENTSVIEW_PATENT_PATH = '/api/v1/patent/';
export const PATENTSVIEW_API_KEY_ENV = 'PATENTSVIEW_API_KEY';

/** The API's largest page (`o.size`); it treats more as 1,000. */
export const PATENTSVIEW_MAX_PAGE_SIZE = 1000;

/** Grant months listed when no partition range is configured: this one and the 11 before. */
export const PATENTSVIEW_DEFAULT_RECENT_MONTHS = 12;

/**
 * The fields asked for by default: what an enrichment needs to know about a grant (title,
 * date, type, abstract, citations, filing) and who holds and made it. `patent_id` is always asked.
 */
export const PATENTSVIEW_DEFAULT_FIELDS: readonly string[] = [
  'patent_id',
  'patent_title',
  'patent_date',
  'patent_type',
  'patent_abstract',
  'wipo_kind',
  'withdrawn',
  'patent_earliest_application_date',
  'patent_num_times_cited_by_us_patents',
  'application',
  'assignees',
  'inventors',
  'cpc_current',
];

/**
 * 45 requests per minute per key, the documented limit. Starts are spaced 1.34 s apart, so no
 * 60 s window ever holds 46; two in flight keep the pace when a 1,000-patent page takes seconds.
 * Retry-After (at most a minute under this limit) is honoured, so maxDelayMs covers it.
 */
export const PATENTSVIEW_DEFAULT_QUOTA: Quota = {
  maxConcurrent: 2,
  requestsPerInterval: 45,
  intervalMs: 60_000,
  dailyBudget: null,
  timeoutMs: 60_000,
  retry: { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 60_000 },
};

/** Patent data changes slowly (the API reloads quarterly): a month is fresh enough. */
export const PATENTSVIEW_DEFAULT_SLA = '30d';
