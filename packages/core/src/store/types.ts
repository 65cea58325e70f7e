import type { Json } from '../json.js';
import type { FreshnessSummaryStore } from './freshness-summary.js';

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

export type LedgerStatus = 'success' | 'unchanged' | 'failed' | 'not_found';

/** A record as fetched, ready to store. */
export interface RecordInput {
  key: string;
  /** The payload's JSON text, serialised once by the caller and stored as it is. */
  json: string;
  /** Hash of the payload part that counts for change detection. */
  hash: string;
}

export interface StoredRecord {
  source: string;
  key: string;
  partitionKey: string;
  payload: Json;
  hash: string;
  /** Grows by one each time the payload changes; 1 after the first write. */
  revision: number;
  firstSeenAt: Date;
  updatedAt: Date;
}

/** One record's freshness. */
export interface LedgerEntry {
  source: string;
  key: string;
  partitionKey: string;
  status: LedgerStatus;
  hash: string | null;
  attempts: number;
  lastAttemptAt: Date;
  lastSuccessAt: Date | null;
  error: string | null;
}

export interface UpsertRecordsInput {
  source: string;
  partitionKey: string;
  records: RecordInput[];
  at: Date;
}

export interface UpsertRecordsResult {
  written: number;
  unchanged: number;
  /** Keys whose payload was new or changed. */
  writtenKeys: string[];
}

export interface MarkLedgerInput {
  source: string;
  partitionKey: string;
  keys: string[];
  status: 'failed' | 'not_found';
  at: Date;
  error?: string;
}

/** Ledger totals for one partition. */
export interface PartitionRollup {
  partitionKey: string;
  records: number;
  success: number;
  unchanged: number;
  failed: number;
  notFound: number;
  /** Records whose last success is before `staleBefore` (or that never succeeded). */
  stale: number;
  oldestSuccessAt: Date | null;
  lastAttemptAt: Date | null;
}

/** A mark that moves forward with every committed ledger change. */
export interface LedgerWatermark {
  /** Commit sequence number of the latest ledger change (0 for an empty ledger). */
  seq: number;
  /** The latest `lastAttemptAt` in the ledger, or null when empty. */
  at: Date | null;
  entries: number;
}

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

export interface AssetEvent {
  id: number;
  asset: string;
  status: 'success' | 'failure';
  message: string | null;
  at: Date;
}

export interface SensorStateRow {
  name: string;
  state: Json;
  /** Grows on every save; `saveSensorState` with a stale version fails (compare-and-set). */
  version: number;
  updatedAt: Date;
}

export interface SensorTransition {
  name: string;
  from: string | null;
  to: string;
  reason: string | null;
  at: Date;
}

export interface Lease {
  partitionKey: string;
  holder: string;
  expiresAt: Date;
}

export interface QuotaConsumeResult {
  granted: boolean;
  /** Count after this call (unchanged when not granted). */
  used: number;
}

/** The store's record of the last state artifact written, to validate the file against. */
export interface ArtifactRecord {
  runId: string;
  writtenAt: Date;
  watermark: LedgerWatermark;
  /** sha256 of the artifact file's bytes. */
  sha256: string;
}

export interface CheckpointFilter {
  source?: string;
  partitionKeys?: string[];
  status?: CheckpointStatus;
}

/**
 * Everything Freshet persists, behind one interface. Every method is atomic on its own;
 * `transaction` groups several into one atomic unit (the slice protocol's step 3).
 * Implementations: the embedded SQLite store (`@freshet/core/sqlite`); a Postgres store
 * can follow with the same Kysely queries.
 */
export interface Store extends FreshnessSummaryStore {
  /** Runs `work` in one write transaction; the `tx` store it gets sees and makes its changes. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;

  // Checkpoints
  getCheckpoint(partitionKey: string): Promise<Checkpoint | null>;
  listCheckpoints(filter?: CheckpointFilter): Promise<Checkpoint[]>;
  /** The few checkpoint fields freshness needs, for every partition of a source (fast at 100,000s). */
  listPartitionFreshness(source: string): Promise<PartitionFreshness[]>;
  /** `listPartitionFreshness` plus attempt, cursor, counts and update time: what a plan needs, in one scan. */
  listCheckpointSummaries(source: string): Promise<CheckpointSummary[]>;
  saveCheckpoint(checkpoint: Checkpoint): Promise<void>;
  deleteCheckpoint(partitionKey: string): Promise<boolean>;

  // Records and the freshness ledger
  /**
   * Inserts new records, rewrites changed ones, and updates the ledger of all of them. Of keys
   * repeated in one call, the last copy counts. A record's partition follows its latest ledger write.
   */
  upsertRecords(input: UpsertRecordsInput): Promise<UpsertRecordsResult>;
  /** Ledger-only update for records that failed or that the API does not know. */
  markLedger(input: MarkLedgerInput): Promise<void>;
  getRecord(source: string, key: string): Promise<StoredRecord | null>;
  getLedgerEntry(source: string, key: string): Promise<LedgerEntry | null>;
  countRecords(filter?: { source?: string; partitionKey?: string }): Promise<number>;
  /** Streams record keys of a source, optionally a field of their payload instead of the key. */
  recordKeys(source: string, payloadField?: string): AsyncIterable<string>;
  /** Ledger totals per partition; `staleBefore` decides which records count as stale. */
  ledgerRollup(options: {
    staleBefore: Date;
    source?: string;
    partitionKeys?: string[];
  }): Promise<PartitionRollup[]>;
  /** Stale-record counts per partition, for the SLA gap listing: one query per source. */
  staleCounts(source: string, staleBefore: Date): Promise<Map<string, number>>;
  ledgerWatermark(): Promise<LedgerWatermark>;

  // Runs
  /** Inserts a run; returns false (and inserts nothing) when its runKey exists already. */
  createRun(run: RunRow): Promise<boolean>;
  updateRun(id: string, patch: Partial<Omit<RunRow, 'id'>>): Promise<void>;
  getRun(id: string): Promise<RunRow | null>;
  listRuns(options?: { limit?: number; status?: RunStatus }): Promise<RunRow[]>;
  saveRunPartition(row: RunPartitionRow): Promise<void>;
  listRunPartitions(runId: string): Promise<RunPartitionRow[]>;

  // Upstream assets and the sensor
  appendAssetEvent(event: Omit<AssetEvent, 'id'>): Promise<AssetEvent>;
  listAssetEvents(options?: { asset?: string; limit?: number; since?: Date }): Promise<AssetEvent[]>;
  /** The latest event of each asset. */
  latestAssetEvents(): Promise<AssetEvent[]>;
  getSensorState(name: string): Promise<SensorStateRow | null>;
  /** Compare-and-set on `expectedVersion` (0 for a new row); false when another writer won. */
  saveSensorState(name: string, state: Json, expectedVersion: number, at: Date): Promise<boolean>;
  appendSensorTransition(transition: SensorTransition): Promise<void>;
  listSensorTransitions(name: string, limit?: number): Promise<SensorTransition[]>;

  // Partition leases: two runs never work on one partition at once
  /** Takes or renews the lease when free, expired or already ours; false when someone else holds it. */
  acquireLease(partitionKey: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLease(partitionKey: string, holder: string): Promise<void>;
  listLeases(now: Date): Promise<Lease[]>;

  // Daily quota counts (UTC day `YYYY-MM-DD`), shared by every process on the store
  /** Adds `n` to the day's count when it stays within `budget` (null: no budget). */
  consumeQuota(source: string, day: string, n: number, budget: number | null): Promise<QuotaConsumeResult>;
  quotaUsed(source: string, day: string): Promise<number>;

  // State artifact bookkeeping and small settings
  recordArtifact(record: ArtifactRecord): Promise<void>;
  latestArtifact(): Promise<ArtifactRecord | null>;
  getMeta(key: string): Promise<Json | null>;
  setMeta(key: string, value: Json | null): Promise<void>;
}
