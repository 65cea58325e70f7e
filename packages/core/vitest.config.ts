import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Type tests (`*.test-d.ts`) pin what authors see when they write a source or a config; they run
// through tsc as part of `vitest run`, so `pnpm test` fails when an inference breaks.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: { typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] } },
  }),
);
