import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Tests run on core's sources, like every package's; the shared aliases lack core's kysely entry.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    resolve: {
      alias: [
        {
          find: /^@freshet\/core\/kysely$/,
          replacement: fileURLToPath(new URL('../core/src/kysely.ts', import.meta.url)),
        },
      ],
    },
    // Every check opens a store in a schema of its own on the one shared server: one file at a
    // time keeps the connection count low.
    test: { fileParallelism: false },
  }),
);
