import { test } from 'vitest';
import { assertBuilt } from './binary.js';
import { type NihFixture, startNih } from './nih.js';
import { type E2eProject, e2eProject, type ProjectOptions } from './project.js';

export interface NihProjectFixtures {
  /** The NIH simulator behind a recording proxy, one per test file. */
  nih: NihFixture;
  /** A fresh project per test, its NIH source pointed at `nih`'s proxy. */
  project: E2eProject;
}

/**
 * `it` for tests of the built binary against the NIH simulator: each test gets a fresh project
 * configured with `options` (the source's range, quota, run settings…), and the file shares one
 * simulator.
 */
export function nihProjectTest(options: Omit<ProjectOptions, 'baseUrl'> = {}) {
  return test.extend<NihProjectFixtures>({
    nih: [
      // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture uses from its first parameter
      async ({}, use) => {
        assertBuilt();
        const nih = await startNih();
        await use(nih);
        await nih.close();
      },
      { scope: 'file' },
    ],
    project: async ({ nih }, use) => {
      const project = await e2eProject({ baseUrl: nih.proxy.baseUrl, ...options });
      await use(project);
      await project.dispose();
    },
  });
}
