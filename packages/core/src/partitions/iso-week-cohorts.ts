import { defineCohortScheme } from './define-scheme.js';
import { isoWeekOfMonday, isoWeekOneMonday, isoWeeksInYear, mondayOf } from './iso-week.js';
import { quote } from './refusal.js';
import type { CohortScheme } from './types.js';
import { isSupportedYear, MAX_YEAR, MIN_YEAR, SUPPORTED_YEARS, WEEK_MS } from './utc.js';

export interface IsoWeekCohortsOptions {
  /** `project_week` gives `project_week_2025-W12`. */
  prefix: string;
}

// Ordinals count weeks from 1900-W01 (Monday 1900-01-01), so they step by one across years.
const EPOCH_MONDAY = isoWeekOneMonday(MIN_YEAR);

const ordinalOfMonday = (mondayMs: number) => Math.round((mondayMs - EPOCH_MONDAY) / WEEK_MS);
const mondayOfOrdinal = (ordinal: number) => EPOCH_MONDAY + ordinal * WEEK_MS;

/** ISO 8601 week cohorts `prefix_2025-W12`: Monday 00:00Z to the next Monday 00:00Z. */
export function isoWeekCohorts({ prefix }: IsoWeekCohortsOptions): CohortScheme {
  return defineCohortScheme({
    kind: 'iso_week',
    prefix,
    exampleValue: '2025-W12',
    minOrdinal: 0,
    maxOrdinal: ordinalOfMonday(isoWeekOneMonday(MAX_YEAR + 1)) - 1,
    ordinalOf(value, reject) {
      const match = /^([0-9]{4})-W([0-9]{2})$/.exec(value);
      if (!match) {
        reject(
          `${quote(value)} is not an ISO week: write YYYY-Www with a capital W and a two-digit week, like 2025-W12`,
        );
      }
      const [, yearText = '', weekText = ''] = match ?? [];
      const year = Number(yearText);
      if (!isSupportedYear(year)) reject(`${quote(value)} is out of range: ${SUPPORTED_YEARS}`);
      const week = Number(weekText);
      if (week === 0) reject(`${quote(value)} is not an ISO week: weeks start at W01`);
      const weeks = isoWeeksInYear(year);
      if (week > weeks) reject(`${quote(value)} is not an ISO week: ${year} has ${weeks} weeks`);
      return ordinalOfMonday(isoWeekOneMonday(year)) + week - 1;
    },
    valueOf(ordinal) {
      const { year, week } = isoWeekOfMonday(mondayOfOrdinal(ordinal));
      return `${year}-W${String(week).padStart(2, '0')}`;
    },
    windowOf: (ordinal) => ({
      start: new Date(mondayOfOrdinal(ordinal)),
      end: new Date(mondayOfOrdinal(ordinal + 1)),
    }),
    ordinalAt: (instant) => ordinalOfMonday(mondayOf(instant.getTime())),
  });
}
