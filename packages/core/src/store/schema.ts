import type { Generated } from 'kysely';
import type {
  AssetEvent,
  ChangeKind,
  CheckpointStatus,
  LedgerStatus,
  RunPartitionRow,
  RunStatus,
  RunTrigger,
} from './types.js';

/*
 * Table types of the Kysely stores. Timestamps are epoch milliseconds (bigint columns) and
 * JSON is text, so the same queries run on SQLite and Postgres. Postgres hands bigint and
 * count() back as strings: read numbers through `toNumber`/`fromMs` in rows.ts.
 */

export interface SchemaVersionTable {
  version: number;
  name: string;
  applied_at: number;
}

export interface CheckpointsTable {
  partition_key: string;
  source: string;
  cohort: string;
  status: CheckpointStatus;
  cursor: string | null;
  attempt: number;
  counts: string;
  run_id: string | null;
  started_at: number;
  updated_at: number;
  completed_at: number | null;
  last_complete_at: number | null;
  duration_ms: number;
  error: string | null;
}

/**
 * One row per (source, key): the record and its freshness ledger entry together, so the hot
 * path writes one row (and its indexes) per record. A key that failed or that the API did not
 * know before it was ever stored is a ledger-only row: payload and hash null, revision 0,
 * first_seen_at and updated_at null.
 */
export interface RecordsTable {
  source: string;
  key: string;
  partition_key: string;
  hash: string | null;
  /** Grows by one each time the payload changes; 0 while the row is ledger-only. */
  revision: number;
  first_seen_at: number | null;
  updated_at: number | null;
  status: LedgerStatus;
  attempts: number;
  last_attempt_at: number;
  last_success_at: number | null;
  error: string | null;
  /** The ledger commit sequence that last wrote this row. */
  seq: number;
  /** The payload's JSON text; null for a ledger-only row. Last, so large payloads spill last. */
  payload: string | null;
}

/** One row (id = 1): the ledger commit sequence and the latest attempt time. */
export interface LedgerClockTable {
  id: number;
  seq: number;
  at: number | null;
}

export interface RunsTable {
  id: string;
  run_key: string | null;
  trigger: RunTrigger;
  status: RunStatus;
  scope: string;
  plan: string;
  metadata: string;
  started_at: number;
  finished_at: number | null;
  error: string | null;
}

export interface RunPartitionsTable {
  run_id: string;
  partition_key: string;
  status: RunPartitionRow['status'];
  counts: string;
  retries: number;
  duration_ms: number;
  error: string | null;
  sla_gap_closed: string | null;
}

export interface AssetEventsTable {
  id: Generated<number>;
  asset: string;
  status: AssetEvent['status'];
  message: string | null;
  at: number;
}

export interface SensorStateTable {
  name: string;
  state: string;
  version: number;
  updated_at: number;
}

export interface SensorTransitionsTable {
  id: Generated<number>;
  name: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  at: number;
}

export interface LeasesTable {
  partition_key: string;
  holder: string;
  expires_at: number;
  /** Fencing token: grows with every change of hands, never reset (released rows stay). */
  token: number;
}

export interface QuotaUsageTable {
  source: string;
  day: string;
  used: number;
}

export interface ArtifactsTable {
  id: Generated<number>;
  run_id: string;
  written_at: number;
  watermark_seq: number;
  watermark_at: number | null;
  watermark_entries: number;
  sha256: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/**
 * A record's earlier payloads: the row a payload change replaced, copied in the slice's own
 * transaction. One row per (source, key, revision); pruned by count per key and by age.
 */
export interface RecordRevisionsTable {
  source: string;
  key: string;
  revision: number;
  hash: string;
  /** When this revision was stored (the record's `updated_at` then). */
  stored_at: number;
  /** When a newer payload replaced it; what age-based pruning goes by. */
  replaced_at: number;
  /** The run whose slice replaced it; null when written outside a run. */
  replaced_by_run: string | null;
  payload: string;
}

/** The change feed: what each slice did to a record (created, changed, gone), in commit order. */
export interface RecordChangesTable {
  id: Generated<number>;
  run_id: string | null;
  source: string;
  key: string;
  partition_key: string;
  kind: ChangeKind;
  /** The record's revision after the change (for gone: the revision it was left at). */
  revision: number;
  /** JSON `{ added, removed, modified }` of top-level payload fields; null unless changed. */
  changed_fields: string | null;
  at: number;
}

export interface NotificationsTable {
  id: string;
  message_id: string;
  target: string;
  event: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: number;
  /** Set while a dispatcher holds the message; settling checks it. */
  claim_token: string | null;
  last_error: string | null;
  last_status: number | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
  body: string;
}

export interface Database {
  schema_version: SchemaVersionTable;
  checkpoints: CheckpointsTable;
  records: RecordsTable;
  ledger_clock: LedgerClockTable;
  runs: RunsTable;
  run_partitions: RunPartitionsTable;
  asset_events: AssetEventsTable;
  sensor_state: SensorStateTable;
  sensor_transitions: SensorTransitionsTable;
  leases: LeasesTable;
  quota_usage: QuotaUsageTable;
  artifacts: ArtifactsTable;
  meta: MetaTable;
  notifications: NotificationsTable;
  record_revisions: RecordRevisionsTable;
  record_changes: RecordChangesTable;
}
