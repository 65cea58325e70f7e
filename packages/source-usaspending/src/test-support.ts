// Test helpers only: index.ts does not export this file.
import type { UsaspendingFilters, UsaspendingSimulator } from '@freshet/testkit';
import { AWARD_TYPE_GROUPS, type AwardTypeGroup } from './award-types.js';

/** `usaspending:award_year_…` of each simulator fiscal year. */
export function fiscalYearKeys(sim: UsaspendingSimulator): string[] {
  return sim.fiscalYears().map((year) => `usaspending:award_year_${year.fiscalYear}`);
}

/** The fiscal year of a `usaspending:award_year_…` partition key. */
export function fiscalYearOf(partitionKey: string): number {
  const match = /award_year_(\d{4})$/.exec(partitionKey);
  if (!match) throw new Error(`${partitionKey} is not a fiscal-year partition`);
  return Number(match[1]);
}

/** The generated_internal_ids a correct run stores for a partition, over the given groups. */
export function expectedAwardKeys(
  sim: UsaspendingSimulator,
  partitionKey: string,
  groups: readonly AwardTypeGroup[] = AWARD_TYPE_GROUPS,
  extra: UsaspendingFilters = {},
): string[] {
  const fy = fiscalYearOf(partitionKey);
  return groups.flatMap((group) => sim.truthKeys(sim.cohortFilters(fy, group, extra))).sort();
}
