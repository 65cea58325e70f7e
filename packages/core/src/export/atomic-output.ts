import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempPathOf } from '../state/atomic-write.js';

/**
 * Writes `path` through a temp file beside it (`<path>.<pid>.tmp`), renamed over `path` only
 * once `write` finished and the file is synced: a crash or an error never leaves half a file
 * at `path`, and a reader of `path` sees the old file or the whole new one.
 */
export async function writeThroughTemp(path: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = tempPathOf(path, process.pid);
  try {
    await write(temp);
    await syncFile(temp);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFile(dirname(path)).catch(() => {
    // Some platforms cannot fsync a directory; the rename stands anyway.
  });
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
