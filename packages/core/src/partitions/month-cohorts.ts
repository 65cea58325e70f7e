import { defineCohortScheme } from './define-scheme.js';
import { quote } from './refusal.js';
import type { CohortScheme } from './types.js';
import { isSupportedYear, MAX_YEAR, MIN_YEAR, SUPPORTED_YEARS } from './utc.js';

export interface MonthCohortsOptions {
  /** `grant_month` gives `grant_month_2025-01`. */
  prefix: string;
}

const monthStart = (ordinal: number) => new Date(Date.UTC(Math.floor(ordinal / 12), ordinal % 12, 1));

/** Calendar month cohorts `prefix_2025-01`; ordinal = year * 12 + month - 1. */
export function monthCohorts({ prefix }: MonthCohortsOptions): CohortScheme {
  return defineCohortScheme({
    kind: 'month',
    prefix,
    exampleValue: '2025-01',
    minOrdinal: MIN_YEAR * 12,
    maxOrdinal: MAX_YEAR * 12 + 11,
    ordinalOf(value, reject) {
      const match = /^([0-9]{4})-([0-9]{2})$/.exec(value);
      if (!match) reject(`${quote(value)} is not a month: write YYYY-MM, like 2025-01`);
      const [, yearText = '', monthText = ''] = match ?? [];
      const year = Number(yearText);
      if (!isSupportedYear(year)) reject(`${quote(value)} is out of range: ${SUPPORTED_YEARS}`);
      const month = Number(monthText);
      if (month < 1 || month > 12) reject(`${quote(value)} is not a month: months run 01..12`);
      return year * 12 + month - 1;
    },
    valueOf: (ordinal) => `${Math.floor(ordinal / 12)}-${String((ordinal % 12) + 1).padStart(2, '0')}`,
    windowOf: (ordinal) => ({ start: monthStart(ordinal), end: monthStart(ordinal + 1) }),
    ordinalAt: (instant) => instant.getUTCFullYear() * 12 + instant.getUTCMonth(),
  });
}
