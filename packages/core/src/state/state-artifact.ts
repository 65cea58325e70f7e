import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Clock } from '../clock.js';
import { ErrorCodes, FreshetError } from '../errors.js';
import type { ArtifactRecord, Checkpoint, LedgerWatermark, Store } from '../store/types.js';
import {
  type PartitionState,
  STATE_FORMAT_VERSION,
  type StateArtifact,
  stateArtifactSchema,
} from './artifact-schema.js';

const RECONCILE_HINT = 'run `freshet checkpoint reconcile` to rebuild it from the store';

export type ArtifactValidation =
  | { status: 'valid'; artifact: StateArtifact }
  /** No artifact yet and the store never wrote one: a first run. */
  | { status: 'absent' };

/**
 * Checks the state artifact against the store before new work starts. Throws STATE_INVALID
 * for an unreadable file or an unknown format version, CHECKPOINT_MISMATCH when the file is
 * not the one the store last wrote or its ledger watermark does not match the ledger.
 */
export async function validateStateArtifact(store: Store, path: string): Promise<ArtifactValidation> {
  const [bytes, record] = await Promise.all([readIfExists(path), store.latestArtifact()]);
  if (bytes === null) {
    if (record === null) return { status: 'absent' };
    throw mismatch(
      `the state artifact ${path} is missing, but the store wrote one for run ${record.runId} at ${record.writtenAt.toISOString()}`,
    );
  }
  const artifact = parseArtifact(bytes, path);
  if (record === null) {
    throw mismatch(
      `${path} (run ${artifact.runId}) was not written by this store: the store has no artifact record`,
    );
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
    throw mismatch(
      `the ledger is behind the state artifact (ledger at commit ${current.seq}, artifact at ${record.watermark.seq}): the store was replaced or rolled back`,
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
}

/**
 * Writes the artifact after a successful run: temp file, fsync, rename, then the store's
 * record of it. Refuses to overwrite a file the store did not write (never silently).
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
  const existing = await readIfExists(options.path);
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
  await writeAtomically(path, bytes);
  const record: ArtifactRecord = { runId, writtenAt, watermark, sha256: sha256(bytes) };
  await store.recordArtifact(record);
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

async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FreshetError(ErrorCodes.STATE_INVALID, `cannot read ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function mismatch(message: string): FreshetError {
  return new FreshetError(ErrorCodes.CHECKPOINT_MISMATCH, `${message}; ${RECONCILE_HINT}`);
}

function describeWatermark(w: Pick<LedgerWatermark, 'seq'> & { at: string | null }): string {
  return `commit ${w.seq} at ${w.at ?? 'an empty ledger'}`;
}
