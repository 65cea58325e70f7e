import { defineConfig } from 'tsup';

export default defineConfig({
  // `testing` is the companion `freshet sim` and the sandbox load; only it imports @freshet/testkit.
  entry: ['src/source.ts', 'src/testing.ts'],
  format: ['esm'],
  dts: true,
  // Source maps ship with src/, so stack traces point at the real files.
  sourcemap: true,
  clean: true,
  target: 'node20',
});
