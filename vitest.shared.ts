import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

/**
 * Tests run on the workspace packages' sources, so a change in core is seen by every
 * package's tests without a build. Published builds still resolve through `exports`.
 */
export const sharedTestConfig = defineConfig({
  resolve: {
    alias: [
      { find: /^@freshet\/core\/sqlite$/, replacement: src('core/src/sqlite.ts') },
      { find: /^@freshet\/core\/export$/, replacement: src('core/src/export.ts') },
      { find: /^@freshet\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@freshet\/(source-[a-z-]+)$/, replacement: src('$1/src/index.ts') },
      { find: /^@freshet\/testkit\/conformance$/, replacement: src('testkit/src/conformance/index.ts') },
      { find: /^@freshet\/testkit\/store$/, replacement: src('testkit/src/store/index.ts') },
      { find: /^@freshet\/testkit$/, replacement: src('testkit/src/index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
