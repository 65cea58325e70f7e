import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * A directory of its own for every test of the file, made before the test (before the file's own
 * `beforeEach` hooks) and removed after it; the function returned names the running test's.
 * Call it once, at the top of the file: `const dir = tempDirPerTest('freshet-config-');`.
 */
export function tempDirPerTest(prefix: string): () => string {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (!dir) throw new Error('tempDirPerTest: no test is running');
    return dir;
  };
}
