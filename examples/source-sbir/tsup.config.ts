import { defineConfig } from 'tsup';

export default defineConfig({
  // `testing` is the companion `freshet sim` and the sandbox load; only it imports @freshet/testkit.
  entry: ['src/index.ts', 'src/testing.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
