import type { Json } from '../../json.js';
import type { SliceCounts, StoredError } from './checkpoints.js';

export type RunTrigger = 'schedule' | 'sensor' | 'manual';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted' | 'refused';

export interface RunRow {
  id: string;
  /** Idempotency key: a second run with the same key is refused by the store. */
  runKey: string | null;
  trigger: RunTrigger;
  status: RunStatus;
  scope: Json;
  plan: Json;
  /** Free-form metadata: pause override, SLA gaps closed, totals. */
  metadata: Json;
  startedAt: Date;
  finishedAt: Date | null;
  error: StoredError | null;
}

export interface RunPartitionRow {
  runId: string;
  partitionKey: string;
  status: 'complete' | 'failed' | 'skipped' | 'locked' | 'interrupted' | 'deferred';
  counts: SliceCounts;
  retries: number;
  durationMs: number;
  error: StoredError | null;
  /** SLA gap this partition closed in this run, if any. */
  slaGapClosed: Json | null;
}

/** Runs and what each did to its partitions. */
export interface RunStore {
  /** Inserts a run; returns false (and inserts nothing) when its runKey exists already. */
  createRun(run: RunRow): Promise<boolean>;
  updateRun(id: string, patch: Partial<Omit<RunRow, 'id'>>): Promise<void>;
  getRun(id: string): Promise<RunRow | null>;
  listRuns(options?: { limit?: number; status?: RunStatus }): Promise<RunRow[]>;
  /** Saves by (run, partition): a second save for the pair replaces the first. */
  saveRunPartition(row: RunPartitionRow): Promise<void>;
  listRunPartitions(runId: string): Promise<RunPartitionRow[]>;
}
