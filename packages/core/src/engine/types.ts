import type { Clock } from '../clock.js';
import type { Http } from '../http/types.js';
import type { Logger } from '../logger.js';
import type { Partition } from '../partitions/types.js';
import type { Limiter } from '../quota/limiter-types.js';
import type { Quota } from '../quota/types.js';
import type { AnySource } from '../source.js';
import type { HistoryRetention, SliceCounts, Store, StoredError } from '../store/types.js';

/** A configured source as the engine runs it: its quota in force and its shared limiter. */
export interface EngineSource {
  source: AnySource;
  quota: Quota;
  slaMs: number;
  limiter: Limiter;
  /** Partitions of this source worked on at once (its lane); sized from the quota when unset. */
  partitionSlots?: number;
  /** The directory relative paths in the source's options mean; passed to `fetchSlice`. */
  rootDir?: string;
  /** A fresh Http over the shared limiter, so API calls are counted per partition. */
  createHttp(): Http;
}

/** Where in the slice protocol a hook fires; tests inject crashes here. */
export type ProtocolStep = 'beforeFetch' | 'afterFetch' | 'insideTransaction' | 'afterCommit';

export interface ProtocolHookContext {
  step: ProtocolStep;
  partitionKey: string;
  /** 1-based number of the slice within this attempt. */
  slice: number;
  cursor: unknown;
}

export type ProtocolHook = (context: ProtocolHookContext) => void | Promise<void>;

export interface PartitionWork {
  partition: Partition;
  /** Start a complete partition again from the beginning (SLA refresh or `--force`). */
  refresh?: boolean;
}

export type PartitionOutcome = 'complete' | 'failed' | 'skipped' | 'locked' | 'interrupted' | 'deferred';

export interface PartitionResult {
  partitionKey: string;
  source: string;
  outcome: PartitionOutcome;
  /** What this run did to the partition (not the checkpoint's totals). */
  counts: SliceCounts;
  retries: number;
  durationMs: number;
  error: StoredError | null;
  /** True when the partition had a checkpoint to resume from. */
  resumed: boolean;
  /**
   * Skipped because another holder completed it in this same run (workers sharing one run):
   * that holder records the result, this one has nothing to add.
   */
  completedInRun?: boolean;
}

export type ExecutorEvent =
  | { type: 'partition-start'; partitionKey: string; resumed: boolean; attempt: number }
  | { type: 'slice'; partitionKey: string; slice: number; counts: SliceCounts; total?: number }
  | { type: 'partition-end'; result: PartitionResult };

export interface ExecuteOptions {
  store: Store;
  sources: ReadonlyMap<string, EngineSource>;
  /** In plan order; each source's partitions start in this order as its lane's slots free up. */
  work: PartitionWork[];
  runId: string;
  /**
   * A cap on partitions worked on at once across all sources, on top of each source's lane;
   * none by default. Each source's quota applies either way.
   */
  maxParallelPartitions?: number;
  /** When set, each partition is leased to `holder` while worked on. */
  lease?: { holder: string; ttlMs: number };
  /**
   * Workers sharing a run: a partition found leased by another holder is tried again after
   * `afterMs` (without holding a slot meanwhile) rather than ending as `locked`, until this
   * holder gets it or finds it completed in this run; so a dead worker's partitions are taken
   * over as soon as their leases run out.
   */
  retryLocked?: { afterMs: number };
  /** Graceful stop: slices in flight finish and commit, then partitions stop as `interrupted`. */
  stopSignal?: AbortSignal;
  /** Hard stop: requests in flight are aborted. */
  abortSignal?: AbortSignal;
  /** How long replaced revisions and the change feed are kept; `DEFAULT_HISTORY_RETENTION` when unset. */
  history?: HistoryRetention;
  clock?: Clock;
  logger?: Logger;
  hooks?: Partial<Record<ProtocolStep, ProtocolHook>>;
  onEvent?: (event: ExecutorEvent) => void;
}

export function emptyCounts(): SliceCounts {
  return { slices: 0, written: 0, unchanged: 0, failed: 0, notFound: 0, apiCalls: 0 };
}
