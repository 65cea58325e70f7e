import { open } from 'node:fs/promises';
import { ErrorCodes, FreshetError } from '../errors.js';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * What is at a SQLite store's path, before anything opens it: SQLite would take a 0-byte file
 * for a new database and write over it, so a truncated store would be silently replaced by an
 * empty one. Returns `missing` or `sqlite`; throws STORE_ERROR for anything else, naming the
 * path and the fix. Never changes the file.
 */
export async function checkStoreFile(path: string): Promise<'missing' | 'sqlite'> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'EISDIR') throw refuse(path, 'is a directory, not a store file');
    throw new FreshetError(ErrorCodes.STORE_ERROR, `store ${path}: cannot open: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw refuse(path, 'is a directory, not a store file');
    if (info.size === 0) throw refuse(path, 'is empty (0 bytes): it holds no store');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length || !head.equals(SQLITE_HEADER)) {
      throw refuse(path, 'is not a SQLite database');
    }
    return 'sqlite';
  } finally {
    await handle.close();
  }
}

/** A store file Freshet will not open: say what is wrong, and never write over it. */
function refuse(path: string, problem: string): FreshetError {
  return new FreshetError(
    ErrorCodes.STORE_ERROR,
    `store ${path} ${problem}; Freshet leaves it as it is. Restore the store from a backup, or move the file away (for example \`mv ${path} ${path}.broken\`) and run \`freshet run\` to start a new store`,
  );
}

/** Read-only commands never create a store: this says there is none yet and how to start. */
export function missingStoreMessage(path: string): string {
  return `there is no store at ${path} yet: nothing has run with this configuration. Run \`freshet run\` first; it creates the store`;
}
