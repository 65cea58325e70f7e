import type { Store } from '../store/types.js';
import { readArtifactFile, sha256 } from './artifact-file.js';
import { removeStaleTemps } from './atomic-write.js';
import { clearPendingArtifact, confirmArtifact, readPendingArtifact } from './pending-artifact.js';

export interface RecoverArtifactOptions {
  store: Store;
  path: string;
  /** When the current run started: temp files older than this are left over whatever their pid. */
  olderThan: Date;
  isAlive?: (pid: number) => boolean;
}

export interface ArtifactRecovery {
  /**
   * `confirmed`: a write was cut off after its rename; the file on disk is the one it meant to
   * write (same checksum), so the store now records it. `rolled-back`: cut off before the
   * rename; the file the store recorded is still in place, so the note was dropped.
   */
  pending: 'none' | 'confirmed' | 'rolled-back' | 'unresolved';
  removedTemps: string[];
}

/**
 * Finishes or undoes an artifact write a crash cut short, and removes its temp files. Run it
 * before `validateStateArtifact`, holding the run lock. A file that matches neither the
 * pending note nor the store's record is left alone for the validation to refuse.
 */
export async function recoverStateArtifact(options: RecoverArtifactOptions): Promise<ArtifactRecovery> {
  const { store, path } = options;
  let pending: ArtifactRecovery['pending'] = 'none';
  const note = await readPendingArtifact(store);
  if (note !== null) {
    const [bytes, latest] = await Promise.all([
      readArtifactFile(path, 'run again').catch(() => undefined),
      store.latestArtifact(),
    ]);
    const onDisk = bytes === undefined ? undefined : bytes === null ? null : sha256(bytes);
    if (onDisk === note.sha256) {
      await confirmArtifact(store, note);
      pending = 'confirmed';
    } else if ((onDisk === null && latest === null) || (onDisk && onDisk === latest?.sha256)) {
      await clearPendingArtifact(store);
      pending = 'rolled-back';
    } else {
      pending = 'unresolved';
    }
  }
  const removedTemps = await removeStaleTemps(path, {
    olderThan: options.olderThan,
    ...(options.isAlive ? { isAlive: options.isAlive } : {}),
  });
  return { pending, removedTemps };
}
