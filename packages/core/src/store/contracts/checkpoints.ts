import type { Json } from '../../json.js';

export type CheckpointStatus = 'running' | 'failed' | 'complete';

export interface SliceCounts {
  slices: number;
  /** Records inserted or whose payload changed. */
  written: number;
  /** Records fetched again with the same payload hash (only the ledger was touched). */
  unchanged: number;
  failed: number;
  notFound: number;
  /** HTTP attempts, retries included. */
  apiCalls: number;
}

export interface StoredError {
  code: string;
  message: string;
}

/** Per partition: where it stands. Saved in the same transaction as its slice's records. */
export interface Checkpoint {
  partitionKey: string;
  source: string;
  cohort: string;
  status: CheckpointStatus;
  cursor: Json | null;
  /** Starts at 1 and grows each time the partition starts again from the beginning. */
  attempt: number;
  counts: SliceCounts;
  runId: string | null;
  startedAt: Date;
  updatedAt: Date;
  /** When the current attempt completed; null while running or failed. */
  completedAt: Date | null;
  /** The last time any attempt completed; what the SLA is measured from. */
  lastCompleteAt: Date | null;
  /** Time spent working on the current attempt, summed over resumes. */
  durationMs: number;
  error: StoredError | null;
}

/** What the SLA needs of a checkpoint. */
export interface PartitionFreshness {
  partitionKey: string;
  status: CheckpointStatus;
  startedAt: Date;
  lastCompleteAt: Date | null;
}

/**
 * What planning needs of a checkpoint: its freshness and where it stands, without the run id,
 * completion time, duration and error that a full `Checkpoint` carries.
 */
export interface CheckpointSummary extends PartitionFreshness {
  attempt: number;
  cursor: Json | null;
  counts: SliceCounts;
  updatedAt: Date;
}

export interface CheckpointFilter {
  source?: string;
  partitionKeys?: string[];
  status?: CheckpointStatus;
}

/** One checkpoint per partition. */
export interface CheckpointStore {
  getCheckpoint(partitionKey: string): Promise<Checkpoint | null>;
  /** In partition key order. */
  listCheckpoints(filter?: CheckpointFilter): Promise<Checkpoint[]>;
  /** The few checkpoint fields freshness needs, for every partition of a source (fast at 100,000s). */
  listPartitionFreshness(source: string): Promise<PartitionFreshness[]>;
  /** `listPartitionFreshness` plus attempt, cursor, counts and update time: what a plan needs, in one scan. */
  listCheckpointSummaries(source: string): Promise<CheckpointSummary[]>;
  saveCheckpoint(checkpoint: Checkpoint): Promise<void>;
  deleteCheckpoint(partitionKey: string): Promise<boolean>;
}
