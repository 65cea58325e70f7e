import { type Cohort, ErrorCodes, FreshetError } from '@freshet/core';
import { PATENTSVIEW_SOURCE_ID } from './defaults.js';

const DAY_MS = 86_400_000;

/** First and last grant day of a `grant_month_…` cohort, `YYYY-MM-DD`, both inclusive. */
export function grantDays(cohort: Cohort): { first: string; last: string } {
  if (!cohort.window) {
    throw new FreshetError(ErrorCodes.INTERNAL, `cohort ${cohort.key} has no time window`, {
      source: PATENTSVIEW_SOURCE_ID,
    });
  }
  // The window is half-open [first of the month, first of the next).
  const first = cohort.window.start.toISOString().slice(0, 10);
  const last = new Date(cohort.window.end.getTime() - DAY_MS).toISOString().slice(0, 10);
  return { first, last };
}
