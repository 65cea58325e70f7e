export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Years every time scheme accepts: wide enough for any federal record, narrow enough to catch typos. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** Midnight UTC of a calendar day, in milliseconds; `month0` is 0-based as in Date.UTC. */
export function utcMidnight(year: number, month0: number, day: number): number {
  return Date.UTC(year, month0, day);
}

/** Days since Monday (0 = Monday … 6 = Sunday), as ISO 8601 counts them. */
export function isoWeekday(ms: number): number {
  return (new Date(ms).getUTCDay() + 6) % 7;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function isValidInstant(instant: unknown): instant is Date {
  return instant instanceof Date && !Number.isNaN(instant.getTime());
}

export function isSupportedYear(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Why a year is refused, for messages. */
export const SUPPORTED_YEARS = `the supported years are ${MIN_YEAR}..${MAX_YEAR}`;
