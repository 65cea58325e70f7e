import type { Clock } from '../clock.js';
import type { ExecutorEvent, PartitionOutcome, PartitionResult } from '../engine/types.js';
import type { Logger } from '../logger.js';
import type { PartialQuota } from '../quota/quota-schema.js';
import type { Store } from '../store/types.js';

export interface RunSourceOptions {
  /** Where records, checkpoints, the ledger and the run go: `openSqliteStore(…)` or another store. */
  store: Store;
  /**
   * Exactly these partitions: full keys (`nih:project_week_2025-W12`) or cohort keys
   * (`project_week_2025-W12`). Added to the window's when both are given.
   */
  partitions?: readonly string[];
  /** A cohort window such as `2025-W01..2025-W04`. Without it or `partitions`: the partitions the source lists. */
  window?: string;
  /** Start complete partitions again from the beginning, even those within the SLA. */
  force?: boolean;
  /** Partitions worked on at once. Default: sized from the quota (its `maxConcurrent`). */
  concurrency?: number;
  /** Changes to the source's default quota (`{ dailyBudget: 500 }`), checked as a whole. */
  quota?: PartialQuota;
  /** How old a complete partition may get before it is fetched again (`7d`). Default: the source's. */
  sla?: string;
  /** The directory relative paths in the source's options mean. Default: the working directory. */
  rootDir?: string;
  logger?: Logger;
  /** Graceful stop: slices in flight commit, the partitions not done end `interrupted`. */
  stopSignal?: AbortSignal;
  /** Hard stop: requests in flight are aborted; partitions resume from their last commit next time. */
  signal?: AbortSignal;
  /** Called as partitions start, commit a slice and end. */
  onProgress?: (event: ExecutorEvent) => void;
  clock?: Clock;
}

/** `succeeded`: every partition complete or skipped as fresh. */
export type RunSourceStatus = 'succeeded' | 'failed' | 'interrupted';

export interface RunSourceTotals {
  /** Partitions per outcome. */
  partitions: Record<PartitionOutcome, number>;
  /** Records inserted or whose payload changed. */
  written: number;
  /** Records fetched again with the same payload. */
  unchanged: number;
  notFound: number;
  apiCalls: number;
}

export interface RunSourceResult {
  /** The run as the store records it: `readRecords(store, { changedSince: { runId } })`, `freshet runs show`. */
  runId: string;
  source: string;
  status: RunSourceStatus;
  /** One per partition, in the order they were planned; `error` says why one failed. */
  partitions: PartitionResult[];
  totals: RunSourceTotals;
  startedAt: Date;
  finishedAt: Date;
}
