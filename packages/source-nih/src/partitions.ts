import type { Cohort, CohortScheme } from '@freshet/core';

/**
 * The configured range's weeks; without one, the `recentWeeks` complete ISO weeks before
 * `now` (the week in progress is left out: its notices are still arriving).
 */
export function listWeeks(
  scheme: CohortScheme,
  range: string | undefined,
  now: Date,
  recentWeeks: number,
): Cohort[] {
  if (range !== undefined) return scheme.parseRange(range);
  const current = scheme.containing!(now);
  return Array.from({ length: recentWeeks }, (_, i) => scheme.fromOrdinal(current.ordinal - recentWeeks + i));
}
