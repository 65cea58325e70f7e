import type { Insertable, Selectable } from 'kysely';
import { ErrorCodes, FreshetError } from '../errors.js';
import type { Json } from '../json.js';
import type {
  ArtifactsTable,
  AssetEventsTable,
  CheckpointsTable,
  RecordsTable,
  RunPartitionsTable,
  RunsTable,
  SensorStateTable,
  SensorTransitionsTable,
} from './schema.js';
import type {
  ArtifactRecord,
  AssetEvent,
  Checkpoint,
  LedgerEntry,
  PartitionFreshness,
  RunPartitionRow,
  RunRow,
  SensorStateRow,
  SensorTransition,
  SliceCounts,
  StoredError,
  StoredRecord,
} from './types.js';

/*
 * Conversions between contract objects and table rows: Dates <-> epoch ms, JSON <-> text.
 * Numbers go through Number() because Postgres returns bigint and count() as strings.
 */

export function toMs(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new FreshetError(ErrorCodes.STORE_ERROR, 'cannot store an invalid Date');
  return ms;
}

export function toMsOrNull(date: Date | null): number | null {
  return date === null ? null : toMs(date);
}

export function fromMs(ms: number | string | bigint): Date {
  return new Date(Number(ms));
}

export function fromMsOrNull(ms: number | string | bigint | null): Date | null {
  return ms === null ? null : fromMs(ms);
}

export function toNumber(value: number | string | bigint | null | undefined): number {
  return value == null ? 0 : Number(value);
}

export function toJson(value: Json | StoredError | SliceCounts): string {
  return JSON.stringify(value);
}

export function toJsonOrNull(value: Json | StoredError | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

export function fromJson<T = Json>(text: string): T {
  return JSON.parse(text) as T;
}

export function fromJsonOrNull<T = Json>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

export function checkpointToRow(c: Checkpoint): Insertable<CheckpointsTable> {
  return {
    partition_key: c.partitionKey,
    source: c.source,
    cohort: c.cohort,
    status: c.status,
    cursor: toJsonOrNull(c.cursor),
    attempt: c.attempt,
    counts: toJson(c.counts),
    run_id: c.runId,
    started_at: toMs(c.startedAt),
    updated_at: toMs(c.updatedAt),
    completed_at: toMsOrNull(c.completedAt),
    last_complete_at: toMsOrNull(c.lastCompleteAt),
    duration_ms: c.durationMs,
    error: toJsonOrNull(c.error),
  };
}

/** The checkpoint columns a `PartitionFreshness` is made of. */
export const FRESHNESS_COLUMNS = ['partition_key', 'status', 'started_at', 'last_complete_at'] as const;

export function rowToPartitionFreshness(
  r: Pick<Selectable<CheckpointsTable>, (typeof FRESHNESS_COLUMNS)[number]>,
): PartitionFreshness {
  return {
    partitionKey: r.partition_key,
    status: r.status,
    startedAt: fromMs(r.started_at),
    lastCompleteAt: fromMsOrNull(r.last_complete_at),
  };
}

export function rowToCheckpoint(r: Selectable<CheckpointsTable>): Checkpoint {
  return {
    partitionKey: r.partition_key,
    source: r.source,
    cohort: r.cohort,
    status: r.status,
    cursor: fromJsonOrNull(r.cursor),
    attempt: toNumber(r.attempt),
    counts: fromJson<SliceCounts>(r.counts),
    runId: r.run_id,
    startedAt: fromMs(r.started_at),
    updatedAt: fromMs(r.updated_at),
    completedAt: fromMsOrNull(r.completed_at),
    lastCompleteAt: fromMsOrNull(r.last_complete_at),
    durationMs: toNumber(r.duration_ms),
    error: fromJsonOrNull<StoredError>(r.error),
  };
}

/** The record of a row, or null for a ledger-only row (no payload yet). */
export function rowToRecord(r: Selectable<RecordsTable>): StoredRecord | null {
  if (r.payload === null || r.hash === null || r.first_seen_at === null || r.updated_at === null) return null;
  return {
    source: r.source,
    key: r.key,
    partitionKey: r.partition_key,
    payload: fromJson(r.payload),
    hash: r.hash,
    revision: toNumber(r.revision),
    firstSeenAt: fromMs(r.first_seen_at),
    updatedAt: fromMs(r.updated_at),
  };
}

export function rowToLedgerEntry(r: Selectable<RecordsTable>): LedgerEntry {
  return {
    source: r.source,
    key: r.key,
    partitionKey: r.partition_key,
    status: r.status,
    hash: r.hash,
    attempts: toNumber(r.attempts),
    lastAttemptAt: fromMs(r.last_attempt_at),
    lastSuccessAt: fromMsOrNull(r.last_success_at),
    error: r.error,
  };
}

export function runToRow(run: RunRow): Insertable<RunsTable> {
  return {
    id: run.id,
    run_key: run.runKey,
    trigger: run.trigger,
    status: run.status,
    scope: toJson(run.scope),
    plan: toJson(run.plan),
    metadata: toJson(run.metadata),
    started_at: toMs(run.startedAt),
    finished_at: toMsOrNull(run.finishedAt),
    error: toJsonOrNull(run.error),
  };
}

/** The columns a run patch sets; absent (undefined) fields stay as they are. */
export function runPatchToRow(patch: Partial<Omit<RunRow, 'id'>>): Partial<Insertable<RunsTable>> {
  const row: Partial<Insertable<RunsTable>> = {};
  if (patch.runKey !== undefined) row.run_key = patch.runKey;
  if (patch.trigger !== undefined) row.trigger = patch.trigger;
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.scope !== undefined) row.scope = toJson(patch.scope);
  if (patch.plan !== undefined) row.plan = toJson(patch.plan);
  if (patch.metadata !== undefined) row.metadata = toJson(patch.metadata);
  if (patch.startedAt !== undefined) row.started_at = toMs(patch.startedAt);
  if (patch.finishedAt !== undefined) row.finished_at = toMsOrNull(patch.finishedAt);
  if (patch.error !== undefined) row.error = toJsonOrNull(patch.error);
  return row;
}

export function rowToRun(r: Selectable<RunsTable>): RunRow {
  return {
    id: r.id,
    runKey: r.run_key,
    trigger: r.trigger,
    status: r.status,
    scope: fromJson(r.scope),
    plan: fromJson(r.plan),
    metadata: fromJson(r.metadata),
    startedAt: fromMs(r.started_at),
    finishedAt: fromMsOrNull(r.finished_at),
    error: fromJsonOrNull<StoredError>(r.error),
  };
}

export function runPartitionToRow(p: RunPartitionRow): Insertable<RunPartitionsTable> {
  return {
    run_id: p.runId,
    partition_key: p.partitionKey,
    status: p.status,
    counts: toJson(p.counts),
    retries: p.retries,
    duration_ms: p.durationMs,
    error: toJsonOrNull(p.error),
    sla_gap_closed: toJsonOrNull(p.slaGapClosed),
  };
}

export function rowToRunPartition(r: Selectable<RunPartitionsTable>): RunPartitionRow {
  return {
    runId: r.run_id,
    partitionKey: r.partition_key,
    status: r.status,
    counts: fromJson<SliceCounts>(r.counts),
    retries: toNumber(r.retries),
    durationMs: toNumber(r.duration_ms),
    error: fromJsonOrNull<StoredError>(r.error),
    slaGapClosed: fromJsonOrNull(r.sla_gap_closed),
  };
}

export function rowToAssetEvent(r: Selectable<AssetEventsTable>): AssetEvent {
  return { id: toNumber(r.id), asset: r.asset, status: r.status, message: r.message, at: fromMs(r.at) };
}

export function rowToSensorState(r: Selectable<SensorStateTable>): SensorStateRow {
  return {
    name: r.name,
    state: fromJson(r.state),
    version: toNumber(r.version),
    updatedAt: fromMs(r.updated_at),
  };
}

export function rowToSensorTransition(r: Selectable<SensorTransitionsTable>): SensorTransition {
  return { name: r.name, from: r.from_state, to: r.to_state, reason: r.reason, at: fromMs(r.at) };
}

export function artifactToRow(a: ArtifactRecord): Insertable<ArtifactsTable> {
  return {
    run_id: a.runId,
    written_at: toMs(a.writtenAt),
    watermark_seq: a.watermark.seq,
    watermark_at: toMsOrNull(a.watermark.at),
    watermark_entries: a.watermark.entries,
    sha256: a.sha256,
  };
}

export function rowToArtifact(r: Selectable<ArtifactsTable>): ArtifactRecord {
  return {
    runId: r.run_id,
    writtenAt: fromMs(r.written_at),
    watermark: {
      seq: toNumber(r.watermark_seq),
      at: fromMsOrNull(r.watermark_at),
      entries: toNumber(r.watermark_entries),
    },
    sha256: r.sha256,
  };
}
