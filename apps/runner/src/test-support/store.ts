import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { test } from 'vitest';

export interface TempProject {
  /** The project root: `config/`, `data/` live under it. */
  dir: string;
  store: Store;
  storePath: string;
  dispose(): Promise<void>;
}

/** A project directory with an open SQLite store at `data/freshet.sqlite`. */
export async function tempProject(): Promise<TempProject> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-runner-'));
  const storePath = join(dir, 'data', 'freshet.sqlite');
  const store = await openSqliteStore({ path: storePath });
  let closed = false;
  return {
    dir,
    store,
    storePath,
    async dispose() {
      if (!closed) await store.close();
      closed = true;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `it` with a fresh temp project per test (`async ({ project }) => …`), disposed afterwards. */
export const projectTest = test.extend<{ project: TempProject }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture uses from its first parameter
  project: async ({}, use) => {
    const project = await tempProject();
    await use(project);
    await project.dispose();
  },
});
