import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ErrorCodes, FreshetError } from '../errors.js';

/** The artifact's bytes, or null when there is no file. */
export async function readArtifactFile(path: string, hint: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EISDIR') throw directoryError(path, hint);
    throw new FreshetError(ErrorCodes.STATE_INVALID, `cannot read ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** The state artifact path names a directory: nothing of Freshet's, so it is never moved or removed. */
export function directoryError(path: string, hint: string): FreshetError {
  return new FreshetError(
    ErrorCodes.STATE_INVALID,
    `${path} is a directory, not the state artifact file; move it away (for example \`mv ${path} ${path}.dir\`) and ${hint}`,
  );
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
