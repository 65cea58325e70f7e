import { defineCohortScheme } from './define-scheme.js';
import { quote } from './refusal.js';
import type { CohortScheme } from './types.js';
import { isSupportedYear, MAX_YEAR, MIN_YEAR, SUPPORTED_YEARS } from './utc.js';

export interface YearCohortsOptions {
  /** `award_year` gives `award_year_2024`. */
  prefix: string;
  /** U.S. federal fiscal years (FY2024 = 2023-10-01 to 2024-10-01) instead of calendar years. */
  fiscal?: boolean;
}

// The federal fiscal year starts on October 1st of the previous calendar year.
const FISCAL_START_MONTH0 = 9;

/** Year cohorts `prefix_2024`; the ordinal is the year. */
export function yearCohorts({ prefix, fiscal = false }: YearCohortsOptions): CohortScheme {
  const startMonth0 = fiscal ? FISCAL_START_MONTH0 : 0;
  const yearStart = (year: number) => new Date(Date.UTC(fiscal ? year - 1 : year, startMonth0, 1));
  return defineCohortScheme({
    kind: fiscal ? 'fiscal_year' : 'calendar_year',
    prefix,
    exampleValue: '2024',
    minOrdinal: MIN_YEAR,
    maxOrdinal: MAX_YEAR,
    ordinalOf(value, reject) {
      if (!/^[0-9]{4}$/.test(value)) reject(`${quote(value)} is not a year: write four digits, like 2024`);
      const year = Number(value);
      if (!isSupportedYear(year)) reject(`${quote(value)} is out of range: ${SUPPORTED_YEARS}`);
      return year;
    },
    valueOf: (year) => String(year),
    windowOf: (year) => ({ start: yearStart(year), end: yearStart(year + 1) }),
    ordinalAt(instant) {
      const year = instant.getUTCFullYear();
      return fiscal && instant.getUTCMonth() >= FISCAL_START_MONTH0 ? year + 1 : year;
    },
  });
}
