export type { BatchCohortsOptions } from './batch-cohorts.js';
export { batchCohorts } from './batch-cohorts.js';
export type { IsoWeekCohortsOptions } from './iso-week-cohorts.js';
export { isoWeekCohorts } from './iso-week-cohorts.js';
export type { MonthCohortsOptions } from './month-cohorts.js';
export { monthCohorts } from './month-cohorts.js';
export type { CohortSchemes } from './partition-key.js';
export {
  comparePartitions,
  formatPartitionKey,
  isValidSourceId,
  PARTITION_KEY_MAX_LENGTH,
  parsePartitionKey,
  parsePartitionWindow,
} from './partition-key.js';
export { MAX_RANGE_COHORTS } from './range.js';
export type { Cohort, CohortKind, CohortScheme, Partition, TimeWindow } from './types.js';
export type { YearCohortsOptions } from './year-cohorts.js';
export { yearCohorts } from './year-cohorts.js';
