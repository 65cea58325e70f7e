import type { Json } from '../json.js';
import type { ArtifactRecord, Store } from '../store/types.js';

/**
 * The store's note of an artifact being written: set before the file is renamed into place
 * and cleared in the same transaction that records it. After a crash between the two, the
 * next start can tell "the new file landed" (its checksum matches this note) from "it never
 * did" (the file the store recorded is still there) without guessing.
 */
export const PENDING_ARTIFACT_META_KEY = 'state_artifact.pending';

export async function readPendingArtifact(store: Store): Promise<ArtifactRecord | null> {
  const value = (await store.getMeta(PENDING_ARTIFACT_META_KEY)) as PendingJson | null;
  if (value === null || typeof value !== 'object' || typeof value.sha256 !== 'string') return null;
  return {
    runId: value.runId,
    writtenAt: new Date(value.writtenAt),
    watermark: {
      seq: value.watermark.seq,
      at: value.watermark.at === null ? null : new Date(value.watermark.at),
      entries: value.watermark.entries,
    },
    sha256: value.sha256,
  };
}

export function writePendingArtifact(store: Store, record: ArtifactRecord): Promise<void> {
  const value: PendingJson = {
    runId: record.runId,
    writtenAt: record.writtenAt.toISOString(),
    watermark: {
      seq: record.watermark.seq,
      at: record.watermark.at?.toISOString() ?? null,
      entries: record.watermark.entries,
    },
    sha256: record.sha256,
  };
  return store.setMeta(PENDING_ARTIFACT_META_KEY, value as unknown as Json);
}

/** Records the artifact and clears the pending note in one transaction. */
export function confirmArtifact(store: Store, record: ArtifactRecord): Promise<void> {
  return store.transaction(async (tx) => {
    await tx.recordArtifact(record);
    await tx.setMeta(PENDING_ARTIFACT_META_KEY, null);
  });
}

export function clearPendingArtifact(store: Store): Promise<void> {
  return store.setMeta(PENDING_ARTIFACT_META_KEY, null);
}

interface PendingJson {
  runId: string;
  writtenAt: string;
  watermark: { seq: number; at: string | null; entries: number };
  sha256: string;
}
