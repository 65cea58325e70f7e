import { type Cohort, ErrorCodes, FreshetError } from '@freshet/core';
import { NIH_SOURCE_ID } from './defaults.js';

const DAY_MS = 86_400_000;

/** An `award_notice_date` criterion: both ends inclusive, `YYYY-MM-DD`. */
export interface NoticeDateRange {
  from_date: string;
  to_date: string;
}

/** Monday to Sunday of the cohort's ISO week (its window ends at the next Monday 00:00Z). */
export function noticeDateRange(cohort: Cohort): NoticeDateRange {
  if (!cohort.window) {
    throw new FreshetError(ErrorCodes.INTERNAL, `cohort ${cohort.key} has no time window`, {
      source: NIH_SOURCE_ID,
    });
  }
  return {
    from_date: ymd(cohort.window.start.getTime()),
    to_date: ymd(cohort.window.end.getTime() - DAY_MS),
  };
}

function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
