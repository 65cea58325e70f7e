import { DAY_MS, isoWeekday, startOfUtcDay, utcMidnight, WEEK_MS } from './utc.js';

/**
 * Monday 00:00Z of ISO week 1 of `isoYear`, in milliseconds. Week 1 is the week holding
 * January 4th, which is the same as the week holding the year's first Thursday.
 */
export function isoWeekOneMonday(isoYear: number): number {
  const jan4 = utcMidnight(isoYear, 0, 4);
  return jan4 - isoWeekday(jan4) * DAY_MS;
}

/** 52 or 53. */
export function isoWeeksInYear(isoYear: number): number {
  return Math.round((isoWeekOneMonday(isoYear + 1) - isoWeekOneMonday(isoYear)) / WEEK_MS);
}

/** Monday 00:00Z of the week holding the instant, in milliseconds. */
export function mondayOf(ms: number): number {
  const day = startOfUtcDay(ms);
  return day - isoWeekday(day) * DAY_MS;
}

/** The ISO year and week of the week starting on `mondayMs`. */
export function isoWeekOfMonday(mondayMs: number): { year: number; week: number } {
  // The ISO year is the calendar year of the week's Thursday.
  const year = new Date(mondayMs + 3 * DAY_MS).getUTCFullYear();
  const week = Math.round((mondayMs - isoWeekOneMonday(year)) / WEEK_MS) + 1;
  return { year, week };
}
