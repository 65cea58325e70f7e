/** A half-open time interval [start, end) in UTC. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/**
 * One cohort: the group of records a partition covers.
 * `key` is the full cohort text (`project_week_2025-W12`), `value` the part after the
 * scheme's prefix (`2025-W12`), `ordinal` a number that orders cohorts of one scheme and
 * steps by one between neighbours.
 */
export interface Cohort {
  key: string;
  value: string;
  ordinal: number;
  /** Time cohorts have a window; numbered batches have none. */
  window: TimeWindow | null;
}

export type CohortKind = 'batch' | 'fiscal_year' | 'calendar_year' | 'iso_week' | 'month';

/** How a source names and orders its cohorts. Built by `batchCohorts`, `yearCohorts`, … */
export interface CohortScheme {
  kind: CohortKind;
  /** Text before the value, without the trailing underscore: `uei_batch`, `award_year`. */
  prefix: string;
  /** A valid cohort key, shown in error messages: `project_week_2025-W12`. */
  example: string;
  /** A valid value, shown in error messages: `2025-W12`. */
  exampleValue: string;
  /** Parses a full cohort key (`project_week_2025-W12`); throws PARTITION_KEY_INVALID. */
  parse(cohortKey: string): Cohort;
  /** Parses only the value part (`2025-W12`); throws PARTITION_KEY_INVALID. */
  parseValue(value: string): Cohort;
  fromOrdinal(ordinal: number): Cohort;
  /** The cohort that contains the instant (time schemes only; batches throw). */
  containing?(instant: Date): Cohort;
  /**
   * Expands a range of values, inclusive at both ends: `2025-W10..2025-W14`, `2024..2025`,
   * `2025-01..2025-03`, `0001..0010`. A single value is a range of one.
   */
  parseRange(range: string): Cohort[];
}

/** `source:cohort`, the unit that is scheduled, checkpointed and reported. */
export interface Partition {
  key: string;
  source: string;
  cohort: Cohort;
}
