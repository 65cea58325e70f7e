/**
 * A SAM.gov Unique Entity ID: 12 characters, capital letters and digits, never the letters I
 * or O (too like 1 and 0), never starting with 0.
 */
export const UEI_PATTERN = /^[1-9A-HJ-NP-Z][0-9A-HJ-NP-Z]{11}$/;

export const UEI_RULE = '12 letters and digits, without I or O, not starting with 0';

/** Trimmed and upper-cased: UEIs are case-insensitive in input files, upper case in the API. */
export function normalizeUei(value: string): string {
  return value.trim().toUpperCase();
}

export function isUei(value: string): boolean {
  return UEI_PATTERN.test(value);
}
