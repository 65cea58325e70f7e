import type { Quota } from '@freshet/core';

export const NIH_SOURCE_ID = 'nih';

export const NIH_DEFAULT_BASE_URL = 'https://api.reporter.nih.gov';

export const NIH_SEARCH_PATH = '/v2/projects/search';

/**
 * NIH's activity codes of the funding category "Small Business": SBIR grants (R43 phase I,
 * R44 phase II and Fast-Track), STTR grants (R41, R42), their cooperative agreements (U43, U44
 * for SBIR; UT1, UT2 for STTR) and the Commercialization Readiness Pilot (SB1).
 */
export const NIH_SBIR_STTR_ACTIVITY_CODES: readonly string[] = [
  'R41',
  'R42',
  'R43',
  'R44',
  'U43',
  'U44',
  'UT1',
  'UT2',
  'SB1',
];

/** The API refuses `limit` above 500. */
export const NIH_MAX_LIMIT = 500;

/** The API refuses `offset` above 14,999, so one criteria set reaches 14,999 + limit projects. */
export const NIH_MAX_OFFSET = 14_999;

/**
 * The RePORTER docs ask for at most one request per second (and warn that harder clients get
 * their IP blocked), so one request at a time, one a second. The 100 ms over the second absorb
 * jitter: starts spaced exactly 1,000 ms apart can arrive 999 ms apart when the earlier one
 * waited on a new connection, or on an event loop busy with other sources' commits in the same
 * process (measured: 50 ms was not always enough with four sources in one run), and a limiter
 * that counts arrivals refuses the later one.
 * No daily cap is documented.
 */
export const NIH_DEFAULT_QUOTA: Quota = {
  maxConcurrent: 1,
  requestsPerInterval: 1,
  intervalMs: 1100,
  dailyBudget: null,
  // A page of 500 full projects is a few MB and the API can be slow to build it.
  timeoutMs: 60_000,
  retry: { maxAttempts: 5, baseDelayMs: 2000, maxDelayMs: 60_000 },
};

/** RePORTER refreshes its project data weekly, so a week-old copy is as fresh as it gets. */
export const NIH_DEFAULT_SLA = '7d';

export const NIH_DEFAULT_RECENT_WEEKS = 12;

/** Start-overs of one partition (the result set changed while paging) before it fails. */
export const NIH_MAX_RESTARTS = 3;

/**
 * Projects each page repeats from the page before when the API ignores the appl_id sort: they
 * must come back (in any order) at the head of the next page, so a shift of the order across a
 * page boundary is seen rather than silently skipping or repeating a project.
 */
export const NIH_API_ORDER_OVERLAP = 5;
