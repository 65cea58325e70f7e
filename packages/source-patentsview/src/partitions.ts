import type { Cohort, CohortScheme } from '@freshet/core';

/**
 * The configured range, or the `recentMonths` grant months that end with the current one
 * (oldest first). The current month is listed although its later Tuesdays are still to come:
 * its refresh then picks up what has been granted so far.
 */
export function listMonths(
  scheme: CohortScheme,
  range: string | undefined,
  now: Date,
  recentMonths: number,
): Cohort[] {
  if (range !== undefined) return scheme.parseRange(range);
  if (!scheme.containing) return [];
  const current = scheme.containing(now);
  const first = current.ordinal - recentMonths + 1;
  return Array.from({ length: current.ordinal - first + 1 }, (_, k) => scheme.fromOrdinal(first + k));
}
