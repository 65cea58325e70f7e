import type { Quota } from '@freshet/core';

export const USASPENDING_SOURCE_ID = 'usaspending';

export const USASPENDING_DEFAULT_BASE_URL = 'https://api.usaspending.gov';

/** The trailing slash is part of the path: Django redirects a POST without it. */
export const USASPENDING_SEARCH_PATH = '/api/v2/search/spending_by_award/';

/** The API refuses `limit` above 100. */
export const USASPENDING_MAX_LIMIT = 100;

/** Page-number paging stops at page × limit = 50,000; past it only search_after pages on. */
export const USASPENDING_MAX_RESULT_WINDOW = 50_000;

/** Searches cover time periods from 2007-10-01 on, so FY2008 is the first fiscal year. */
export const USASPENDING_FIRST_FISCAL_YEAR = 2008;

/**
 * The sort of every request: `Award ID`, ties broken by the API on internal id. Its value is
 * never null for a prime award, so the search_after cursor always has a value to resume from.
 */
export const USASPENDING_SORT_FIELD = 'Award ID';

export const USASPENDING_SORT_ORDER = 'desc';

/**
 * The API documents no rate limit; the original pipeline kept to 120 requests a minute and
 * heavy bursts have been answered with empty replies and 503s. 120 per 60.5 s spaces starts
 * 505 ms apart, so 120 starts span more than a minute and network jitter cannot squeeze 121
 * into any 60-second window. Searches can take seconds, hence a few in flight; no daily cap.
 */
export const USASPENDING_DEFAULT_QUOTA: Quota = {
  maxConcurrent: 4,
  requestsPerInterval: 120,
  intervalMs: 60_500,
  dailyBudget: null,
  timeoutMs: 60_000,
  retry: { maxAttempts: 6, baseDelayMs: 2_000, maxDelayMs: 60_000 },
};

/** USAspending loads new award data daily. */
export const USASPENDING_DEFAULT_SLA = '1d';

/** Fiscal years listed when no partition range is configured: the current one and two before. */
export const USASPENDING_DEFAULT_RECENT_FISCAL_YEARS = 3;
