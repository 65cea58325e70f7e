import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '../clock.js';
import { ErrorCodes, FreshetError } from '../errors.js';
import type { ArtifactRecord, Checkpoint, LedgerWatermark, Store } from '../store/types.js';
import { directoryError, readArtifactFile, sha256 } from './artifact-file.js';
import {
  type PartitionState,
  STATE_FORMAT_VERSION,
  type StateArtifact,
  stateArtifactSchema,
} from './artifact-schema.js';
import { type ArtifactStepHook, writeAtomically } from './atomic-write.js';
import { confirmArtifact, readPendingArtifact, writePendingArtifact } from './pending-artifact.js';

const RECONCILE_HINT = 'run `freshet checkpoint reconcile` to rebuild it from the store';
// For a store that looks new or replaced: rebuilding the artifact from it would lock that in.
const RESTORE_HINT =
  'if the store was lost or replaced, restore it from a backup; run `freshet checkpoint reconcile` only if you mean to start over from this store (the file is kept as .bak)';

export type ArtifactValidation =
  | { status: 'valid'; artifact: StateArtifact }
  /** No artifact yet and the store never wrote one: a first run. */
  | { status: 'absent' };

/**
 * Checks the state artifact against the store before new work starts. Throws STATE_INVALID
 * for an unreadable file or an unknown format version, CHECKPOINT_MISMATCH when the file is
 * not the one the store last wrote or its ledger watermark does not match the ledger. Reads
 * only: a write cut short after its rename counts as written (`recoverStateArtifact` records it).
 */
export async function validateStateArtifact(store: Store, path: string): Promise<ArtifactValidation> {
  const [bytes, latest, pending] = await Promise.all([
    readArtifactFile(path, RECONCILE_HINT),
    store.latestArtifact(),
    readPendingArtifact(store),
  ]);
  const record = pending !== null && bytes !== null && sha256(bytes) === pending.sha256 ? pending : latest;
  if (bytes === null) {
    if (record === null) return { status: 'absent' };
    throw mismatch(
      `the state artifact ${path} is missing, but the store wrote one for run ${record.runId} at ${record.writtenAt.toISOString()}`,
    );
  }
  const artifact = parseArtifact(bytes, path);
  if (record === null) {
    const ledger = await store.ledgerWatermark();
    const notOurs = `${path} (run ${artifact.runId}) was not written by this store: the store has no artifact record`;
    if (ledger.seq === 0) {
      throw new FreshetError(
        ErrorCodes.CHECKPOINT_MISMATCH,
        `${notOurs} and an empty ledger, so it looks new or replaced (the artifact is at ledger commit ${artifact.ledgerWatermark.seq}); ${RESTORE_HINT}`,
      );
    }
    throw mismatch(notOurs);
  }
  if (artifact.runId !== record.runId || artifact.writtenAt !== record.writtenAt.toISOString()) {
    throw mismatch(
      `${path} is from run ${artifact.runId} written at ${artifact.writtenAt}, but the store last wrote run ${record.runId} at ${record.writtenAt.toISOString()}`,
    );
  }
  const recordedAt = record.watermark.at?.toISOString() ?? null;
  if (artifact.ledgerWatermark.at !== recordedAt || artifact.ledgerWatermark.seq !== record.watermark.seq) {
    throw mismatch(
      `${path} says the ledger watermark was ${describeWatermark(artifact.ledgerWatermark)}, but the store recorded ${describeWatermark({ seq: record.watermark.seq, at: recordedAt })}`,
    );
  }
  if (sha256(bytes) !== record.sha256) {
    throw mismatch(`${path} was changed after it was written (its checksum differs from the store's record)`);
  }
  const current = await store.ledgerWatermark();
  if (current.seq < record.watermark.seq) {
    throw new FreshetError(
      ErrorCodes.CHECKPOINT_MISMATCH,
      `the ledger is behind the state artifact (ledger at commit ${current.seq}, artifact at ${record.watermark.seq}): the store was replaced or rolled back; ${RESTORE_HINT}`,
    );
  }
  return { status: 'valid', artifact };
}

export interface WriteArtifactOptions {
  store: Store;
  path: string;
  runId: string;
  clock: Clock;
  /** Partitions whose durations to report; by default every checkpoint. */
  partitionKeys?: string[];
  /** Called after each step of the write (crash tests). */
  onStep?: ArtifactStepHook;
}

/**
 * Writes the artifact after a successful run: a pending note in the store, temp file, fsync,
 * rename, then the store's record (which clears the note). A crash at any point leaves either
 * the old file with the note (rolled back at the next start) or the new file matching the
 * note (confirmed). Refuses to overwrite a file the store did not write (never silently).
 */
export async function writeStateArtifact(options: WriteArtifactOptions): Promise<StateArtifact> {
  await validateStateArtifact(options.store, options.path);
  return writeUnchecked(options);
}

/**
 * Rebuilds the artifact from the store when the file is missing, corrupt or mismatched. An
 * existing file is kept beside it as `<name>.<timestamp>.bak`, so nothing is lost.
 */
export async function reconcileStateArtifact(
  options: Omit<WriteArtifactOptions, 'runId'> & { runId?: string },
): Promise<{ artifact: StateArtifact; backupPath: string | null }> {
  const info = await stat(options.path).catch(() => null);
  if (info?.isDirectory()) throw directoryError(options.path, 'run `freshet checkpoint reconcile` again');
  const existing = await readArtifactFile(options.path, RECONCILE_HINT);
  let backupPath: string | null = null;
  if (existing !== null) {
    backupPath = `${options.path}.${options.clock.now().toISOString().replace(/[:.]/g, '-')}.bak`;
    await rename(options.path, backupPath);
  }
  const lastRun = options.runId ?? (await options.store.latestArtifact())?.runId ?? 'reconcile';
  const artifact = await writeUnchecked({ ...options, runId: lastRun });
  return { artifact, backupPath };
}

async function writeUnchecked(options: WriteArtifactOptions): Promise<StateArtifact> {
  const { store, path, runId, clock } = options;
  const filter = options.partitionKeys ? { partitionKeys: options.partitionKeys } : {};
  const [watermark, checkpoints] = await Promise.all([
    store.ledgerWatermark(),
    store.listCheckpoints(filter),
  ]);
  const writtenAt = clock.now();
  const artifact: StateArtifact = {
    formatVersion: STATE_FORMAT_VERSION,
    runId,
    writtenAt: writtenAt.toISOString(),
    ledgerWatermark: {
      seq: watermark.seq,
      at: watermark.at?.toISOString() ?? null,
      entries: watermark.entries,
    },
    partitions: Object.fromEntries(checkpoints.map((c) => [c.partitionKey, partitionState(c)])),
  };
  const bytes = Buffer.from(`${JSON.stringify(artifact, null, 2)}\n`);
  const record: ArtifactRecord = { runId, writtenAt, watermark, sha256: sha256(bytes) };
  const onStep = options.onStep ?? (() => {});
  await writePendingArtifact(store, record);
  await onStep('pending-recorded');
  await mkdir(dirname(path), { recursive: true });
  await writeAtomically(path, bytes, onStep);
  await confirmArtifact(store, record);
  await onStep('recorded');
  return artifact;
}

function partitionState(checkpoint: Checkpoint): PartitionState {
  return {
    status: checkpoint.status,
    attempt: checkpoint.attempt,
    cursor: checkpoint.cursor,
    counts: checkpoint.counts,
    durationMs: checkpoint.durationMs,
    lastCompleteAt: checkpoint.lastCompleteAt?.toISOString() ?? null,
    updatedAt: checkpoint.updatedAt.toISOString(),
  };
}

function parseArtifact(bytes: Buffer, path: string): StateArtifact {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new FreshetError(ErrorCodes.STATE_INVALID, `${path} is not valid JSON; ${RECONCILE_HINT}`, {
      cause,
    });
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== STATE_FORMAT_VERSION) {
    throw new FreshetError(
      ErrorCodes.STATE_INVALID,
      `${path} has format version ${JSON.stringify(version)}; this Freshet reads version ${STATE_FORMAT_VERSION}. Upgrade Freshet, or ${RECONCILE_HINT}`,
    );
  }
  const parsed = stateArtifactSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') || '(root)';
    throw new FreshetError(
      ErrorCodes.STATE_INVALID,
      `${path} is not a valid state artifact: ${where}: ${first?.message ?? 'invalid'}; ${RECONCILE_HINT}`,
    );
  }
  return parsed.data;
}

function mismatch(message: string): FreshetError {
  return new FreshetError(ErrorCodes.CHECKPOINT_MISMATCH, `${message}; ${RECONCILE_HINT}`);
}

function describeWatermark(w: Pick<LedgerWatermark, 'seq'> & { at: string | null }): string {
  return `commit ${w.seq} at ${w.at ?? 'an empty ledger'}`;
}
