import {
  type Cohort,
  defineSource,
  type Logger,
  parseSourceOptions,
  type Quota,
  type Source,
  yearCohorts,
} from '@freshet/core';
import { z } from 'zod';
import { classifySbirResponse, fetchAwardsPage, MAX_ROWS, SBIR_AGENCIES, SBIR_API_URL } from './client.js';
import type { SbirAward, SbirCursor, SbirOptions, SbirOptionsInput } from './types.js';

/** The source id: partition keys read `sbir:award_year_2024`. */
export const SOURCE_ID = 'sbir';

/** One partition per SBIR award year (the API's `year` parameter): `award_year_2024`. */
export const cohort = yearCohorts({ prefix: 'award_year', fiscal: false });

/**
 * SBIR.gov publishes no rate limit but answers bursts with 429. 50 a minute, one at a time,
 * stays under the 60 a minute assumed for it with room for clock skew and other clients on
 * the same address; retries count against it too. Pages of 1000 awards with abstracts run to
 * a few megabytes, hence the long timeout.
 */
export const DEFAULT_QUOTA: Quota = {
  maxConcurrent: 1,
  requestsPerInterval: 50,
  intervalMs: 60_000,
  dailyBudget: null,
  timeoutMs: 60_000,
  retry: { maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 120_000 },
};

/** Awards change rarely after they are published; a monthly refresh is fresh enough. */
export const DEFAULT_SLA = '30d';

const FIRST_SBIR_YEAR = 1983;
const ROWS_EXPECTED = `must be a whole number from 1 to ${MAX_ROWS}, the API's largest page`;
const AGENCY_EXPECTED = 'must be a list of agency codes like ["DOD", "NSF"]';
const YEAR_EXPECTED = `must be a year from ${FIRST_SBIR_YEAR} (the first SBIR awards) to 2100`;

/** Validates `sbir(options)`; unknown keys are refused so a typo does not pass silently. */
export const optionsSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/, error: `must be an http(s) URL like "${SBIR_API_URL}"` })
    .transform((url) => url.replace(/\/+$/, ''))
    .default(SBIR_API_URL),
  agencies: z
    .array(
      z
        .string({ error: AGENCY_EXPECTED })
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2,8}$/, { error: 'an agency code is 2 to 8 letters, like "NSF"' }),
      { error: AGENCY_EXPECTED },
    )
    .min(1, { error: 'must name at least one agency, or be left out for all of them' })
    .refine((codes) => new Set(codes).size === codes.length, { error: 'must not name an agency twice' })
    .default(() => [...SBIR_AGENCIES]),
  rows: z
    .int({ error: ROWS_EXPECTED })
    .min(1, { error: ROWS_EXPECTED })
    .max(MAX_ROWS, { error: ROWS_EXPECTED })
    .default(1000),
  firstYear: z
    .int({ error: YEAR_EXPECTED })
    .min(FIRST_SBIR_YEAR, { error: YEAR_EXPECTED })
    .max(2100, { error: YEAR_EXPECTED })
    .default(FIRST_SBIR_YEAR),
}) satisfies z.ZodType<SbirOptions, SbirOptionsInput | undefined>;

/** `input` checked and completed with defaults; OPTIONS_INVALID names each bad option and its value. */
export function resolveOptions(input: unknown): SbirOptions {
  return parseSourceOptions(optionsSchema, input, SOURCE_ID);
}

/**
 * The record key: agency, tracking number and contract, as `NSF|2449557|2449557`. These are the
 * agency's own identifiers, which SBIR.gov copies and other datasets share (a contract number
 * is a USAspending award id, an HHS tracking number an NIH project number), so they survive a
 * reload of SBIR.gov's site. `award_link` is the site's page id: unique, but reported both as a
 * number and as a URL, and a site migration could renumber it. The agency is part of the key
 * because tracking numbers are only unique within one agency.
 */
export function awardKey(award: Pick<SbirAward, 'agency' | 'agency_tracking_number' | 'contract'>): string {
  return `${award.agency}|${award.agency_tracking_number}|${award.contract}`;
}

/** `sbir(options)`: the source, with options validated (bad ones throw OPTIONS_INVALID). */
export function sbir(input: SbirOptionsInput = {}): Source<SbirOptions, SbirAward, SbirCursor> {
  return defineSource<SbirOptions, SbirAward, SbirCursor>({
    id: SOURCE_ID,
    description: 'SBIR.gov awards (SBIR and STTR), by award year and agency',
    cohort,
    quota: DEFAULT_QUOTA,
    sla: DEFAULT_SLA,
    options: resolveOptions(input),
    optionsSchema,

    async listPartitions({ options, range, now }) {
      if (range !== undefined) return cohort.parseRange(range);
      const years: Cohort[] = [];
      for (let year = options.firstYear; year <= now.getUTCFullYear(); year++) {
        years.push(cohort.fromOrdinal(year));
      }
      return years;
    },

    // One slice is one page of one agency's awards in the partition's year. The partition walks
    // `options.agencies` in order, paging each with `start` until a short page.
    async fetchSlice({ partition, cursor, options, http, signal, logger }) {
      const at = resumeAt(cursor, options.agencies, logger);
      const page = { agency: at.agency, year: partition.cohort.ordinal, rows: options.rows, start: at.start };
      const awards = await fetchAwardsPage(http, options.baseUrl, page, signal);
      return { records: awards, ...advance(options, at, awards.length) };
    },

    recordKey: awardKey,
    classifyResponse: classifySbirResponse,
  });
}

const cursorSchema = z.object({ agency: z.string(), start: z.int().nonnegative() });

/**
 * Where this slice starts. The cursor comes back from the store, so it is checked like any
 * input: one that no longer fits (its agency was removed from `options.agencies`, or an older
 * version of this source wrote it) starts the partition over, which is safe because writing a
 * record again changes nothing.
 */
function resumeAt(cursor: unknown, agencies: string[], logger: Logger): SbirCursor {
  const first: SbirCursor = { agency: agencies[0]!, start: 0 };
  if (cursor === null) return first;
  const parsed = cursorSchema.safeParse(cursor);
  if (parsed.success && agencies.includes(parsed.data.agency)) return parsed.data;
  logger.warn({ cursor }, 'the saved cursor does not fit the options; starting the partition over');
  return first;
}

/**
 * A full page means the agency may have more: the next slice asks for the next page. A shorter
 * page (empty included) ends the agency, since the API sends no total; the partition is done
 * after the last agency.
 */
function advance(
  options: SbirOptions,
  at: SbirCursor,
  received: number,
): { cursor: SbirCursor | null; done: boolean } {
  if (received >= options.rows)
    return { cursor: { agency: at.agency, start: at.start + received }, done: false };
  const next = options.agencies[options.agencies.indexOf(at.agency) + 1];
  if (next === undefined) return { cursor: null, done: true };
  return { cursor: { agency: next, start: 0 }, done: false };
}
