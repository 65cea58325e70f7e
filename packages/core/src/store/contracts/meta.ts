import type { Json } from '../../json.js';
import type { LedgerWatermark } from './records.js';

/** The store's record of the last state artifact written, to validate the file against. */
export interface ArtifactRecord {
  runId: string;
  writtenAt: Date;
  watermark: LedgerWatermark;
  /** sha256 of the artifact file's bytes. */
  sha256: string;
}

/** State artifact bookkeeping and small settings. */
export interface MetaStore {
  recordArtifact(record: ArtifactRecord): Promise<void>;
  /** The artifact with the latest `writtenAt`, or null when none was recorded. */
  latestArtifact(): Promise<ArtifactRecord | null>;
  getMeta(key: string): Promise<Json | null>;
  /** Stores a JSON value under `key`; null deletes it. */
  setMeta(key: string, value: Json | null): Promise<void>;
}
