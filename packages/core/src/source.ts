import type { ZodType } from 'zod';
import type { Clock } from './clock.js';
import type { ClassifyResponse, Http } from './http/types.js';
import type { Json } from './json.js';
import type { Logger } from './logger.js';
import type { Cohort, CohortScheme, Partition } from './partitions/types.js';
import type { Quota } from './quota/types.js';

/** What `listPartitions` gets: the source's validated options and the configured range. */
export interface ListPartitionsContext<Options> {
  options: Options;
  /** The configured partition range (`2025-W01..2025-W52`), when there is one. */
  range?: string;
  now: Date;
  /**
   * The directory a relative path in the options means (a file of ids to look up): the project
   * root, as for the configuration's `store.path` (see `projectRoot`). Unset when no
   * configuration file is involved (tests, scripts): then the working directory.
   */
  rootDir?: string;
  /**
   * Record keys other sources already hold, for sources whose cohort is a list of ids that
   * other sources discover (SAM.gov UEIs found in USAspending awards).
   */
  recordKeysOf?(sourceId: string, field: string): AsyncIterable<string>;
}

/** What `fetchSlice` gets. `cursor` is null before the partition's first slice. */
export interface SliceRequest<Options, Cursor extends Json> {
  partition: Partition;
  cursor: Cursor | null;
  options: Options;
  /** The directory relative paths in the options mean, as in `ListPartitionsContext`. */
  rootDir?: string;
  http: Http;
  signal: AbortSignal;
  logger: Logger;
  clock: Clock;
}

/** One slice's outcome: its records and where the next slice starts. */
export interface SliceResult<Record, Cursor extends Json> {
  records: Record[];
  /** Keys the API said it does not know (SAM.gov UEIs with no registration). */
  notFound?: string[];
  /** Where the next slice starts; ignored when `done`. */
  cursor: Cursor | null;
  done: boolean;
  /** The API's total for the cohort, when it gives one (progress and estimates). */
  total?: number;
}

/** The type of a payload field that exports give a column of its own. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp';

/**
 * Payload fields that exports flatten to typed columns: a top-level field (`appl_id`) or a
 * dotted path into nested objects (`organization.org_name`), mapped to its type. Exports keep
 * the whole payload as JSON beside them, so an undeclared field is never lost.
 */
export type SourceColumns = Readonly<Record<string, ColumnType>>;

/**
 * A plugin for one external API. Few members are required; the engine does the rest
 * (quota, retries, checkpoints, the ledger).
 */
export interface Source<Options = unknown, Record = unknown, Cursor extends Json = Json> {
  /** Lower-case id used in partition keys: `nih`, `sam_gov`. */
  id: string;
  /** One line for humans. */
  description?: string;
  cohort: CohortScheme;
  /** Default quota; configuration may tighten or loosen it. */
  quota: Quota;
  /** Default SLA: how old data may get, as `1d`, `7d`, `12h`. */
  sla: string;
  /** Validated options this source instance runs with. */
  options: Options;
  /** Validates options from configuration (the factory already applied it to `options`). */
  optionsSchema?: ZodType<Options>;
  /** The cohorts this source covers, oldest first. */
  listPartitions(ctx: ListPartitionsContext<Options>): Promise<Cohort[]>;
  fetchSlice(request: SliceRequest<Options, Cursor>): Promise<SliceResult<Record, Cursor>>;
  /** The record's stable key within the source (`appl_id`, `patent_id`). */
  recordKey(record: Record): string;
  /**
   * The part of a record that counts for change detection; by default the whole record.
   * Leave out fields that change on every read (request ids, scores).
   */
  hashPayload?(record: Record): unknown;
  /** Maps error responses of this API to codes and messages (see ResponseVerdict). */
  classifyResponse?: ClassifyResponse;
  /** Expected API calls for a partition, for the planner; the engine falls back to history. */
  estimateCalls?(cohort: Cohort, options: Options): number | undefined;
  /** Secret values (API keys) this source sends; every message, log and stored error redacts them. */
  secrets?: string[];
  /** Payload fields that exports (CSV, Parquet) give typed columns; see `SourceColumns`. */
  columns?: SourceColumns;
}

/** Identity function that gives a third-party source full type inference. */
export function defineSource<Options, Record, Cursor extends Json>(
  source: Source<Options, Record, Cursor>,
): Source<Options, Record, Cursor> {
  return source;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds sources of any option and record type.
export type AnySource = Source<any, any, any>;
