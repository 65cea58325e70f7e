// Test helpers only: index.ts does not export this file.
import type { NihSimulator } from '@freshet/testkit';

/** `nih:project_week_…` of each simulator week. */
export function weekPartitionKeys(sim: NihSimulator): string[] {
  return sim.weeks().map((week) => `nih:project_week_${week.isoWeek}`);
}

/** The appl_ids a correct run stores for a simulator week with the given activity codes. */
export function expectedApplIds(sim: NihSimulator, partitionKey: string, activityCodes?: string[]): string[] {
  const index = weekPartitionKeys(sim).indexOf(partitionKey);
  if (index < 0) throw new Error(`${partitionKey} is not a week of the simulator`);
  return sim.truthApplIds(sim.weekCriteria(index, activityCodes)).map(String);
}
