import { parseDuration } from '../quota/duration.js';

/** Field count only; the scheduler parses the expression itself. */
export function hasCronFieldCount(expression: string): boolean {
  const fields = expression.trim().split(/\s+/).filter(Boolean).length;
  return fields === 5 || fields === 6;
}

/** True when this runtime's Intl knows the IANA zone. */
export function isTimeZone(zone: string): boolean {
  try {
    return Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone.length > 0;
  } catch {
    return false;
  }
}

export function isDuration(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}
