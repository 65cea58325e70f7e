import type { Quota } from '@freshet/core';

export const SAM_GOV_SOURCE_ID = 'sam_gov';
export const SAM_GOV_DEFAULT_BASE_URL = 'https://api.sam.gov';
/** Where the API key comes from when the `apiKey` option is not given. */
export const SAM_GOV_API_KEY_ENV = 'SAM_GOV_API_KEY';
export const SAM_GOV_DEFAULT_SLA = '7d';

/** The API's page size limit: `size` above 10 is refused ("Size Cannot Exceed 10 Records"). */
export const SAM_GOV_PAGE_SIZE = 10;
/** UEIs one `ueiSAM` look-up may name ("More than 100 UEI SAM are not allowed."). */
export const SAM_GOV_MAX_UEIS = 100;
/** Only the first 10,000 results of a query can be paged to ("Results Too Large"). */
export const SAM_GOV_MAX_RESULTS = 10_000;
export const SAM_GOV_DEFAULT_BATCH_SIZE = 100;

/** Sections the API knows; repsAndCerts and integrityInformation come only when named. */
export const SAM_GOV_SECTIONS = [
  'entityRegistration',
  'coreData',
  'assertions',
  'repsAndCerts',
  'pointsOfContact',
  'integrityInformation',
] as const;
export const SAM_GOV_DEFAULT_SECTIONS = ['entityRegistration', 'coreData'] as const;

/**
 * The daily quota of a key with a role (1,000 requests per 24 hours, reset at midnight UTC) is
 * what binds: a whole day's budget takes about 8 minutes at 2 requests per second, so going
 * faster gains nothing and only risks the gateway's spike throttling. Timeouts are generous
 * because a 100-UEI look-up with coreData can take seconds. Every retry spends budget, so
 * retries are few.
 */
export const SAM_GOV_DEFAULT_QUOTA: Quota = {
  maxConcurrent: 2,
  requestsPerInterval: 2,
  intervalMs: 1_000,
  dailyBudget: 1_000,
  timeoutMs: 60_000,
  retry: { maxAttempts: 4, baseDelayMs: 2_000, maxDelayMs: 60_000 },
};

export function entitiesPath(version: 'v3' | 'v4'): string {
  return `/entity-information/${version}/entities`;
}
