import { type Cohort, type CohortScheme, ErrorCodes, FreshetError } from '@freshet/core';
import { USASPENDING_FIRST_FISCAL_YEAR, USASPENDING_SOURCE_ID } from './defaults.js';

const DAY_MS = 86_400_000;

/** The `time_period` of a fiscal-year cohort: October 1 to September 30, both inclusive. */
export function fiscalYearPeriod(cohort: Cohort): { start_date: string; end_date: string } {
  checkSearchable(cohort);
  const window = cohort.window;
  if (!window)
    throw new FreshetError(ErrorCodes.INTERNAL, `${cohort.key} has no time window`, {
      source: USASPENDING_SOURCE_ID,
    });
  return {
    start_date: ymd(window.start.getTime()),
    // The cohort window is half-open; the API's end_date is the last day in it.
    end_date: ymd(window.end.getTime() - DAY_MS),
  };
}

/**
 * The configured range's fiscal years; without one, the `recent` fiscal years up to the one
 * containing `now` (it is in progress, and the one an SLA of a day cares about most).
 */
export function listFiscalYears(
  scheme: CohortScheme,
  range: string | undefined,
  now: Date,
  recent: number,
): Cohort[] {
  if (range !== undefined) {
    const cohorts = scheme.parseRange(range);
    for (const cohort of cohorts) checkSearchable(cohort);
    return cohorts;
  }
  const current = (scheme.containing as (instant: Date) => Cohort)(now);
  const first = Math.max(USASPENDING_FIRST_FISCAL_YEAR, current.ordinal - recent + 1);
  return Array.from({ length: current.ordinal - first + 1 }, (_, i) => scheme.fromOrdinal(first + i));
}

/** Award searches start at 2007-10-01: earlier fiscal years cannot be asked for. */
export function checkSearchable(cohort: Cohort): void {
  if (cohort.ordinal >= USASPENDING_FIRST_FISCAL_YEAR) return;
  throw new FreshetError(
    ErrorCodes.PARTITION_KEY_INVALID,
    `${cohort.key} is fiscal year ${cohort.ordinal}, before FY${USASPENDING_FIRST_FISCAL_YEAR}: spending_by_award searches only time periods from 2007-10-01 on; use USAspending's bulk download for older awards`,
    {
      source: USASPENDING_SOURCE_ID,
      details: { cohort: cohort.key, firstFiscalYear: USASPENDING_FIRST_FISCAL_YEAR },
    },
  );
}

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
