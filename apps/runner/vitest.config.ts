import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Two projects: in-process tests under src/, and end-to-end tests under e2e/ that drive the
// built `freshet` binary (dist/cli.js) as child processes against the API simulators. turbo's
// `@freshet/runner#test` depends on the runner's own `build`, so `pnpm test` builds it first.
export default defineConfig({
  ...sharedTestConfig,
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          // Each test starts the binary several times (about a second each: node, the TS config).
          testTimeout: 120_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
