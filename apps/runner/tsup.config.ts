import { cp } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  banner: { js: '' },
  // The UI's stylesheet and script, beside the bundle that reads them (src/ui/static-files.ts).
  onSuccess: async () => {
    await cp('src/ui/static', 'dist/static', { recursive: true });
  },
});
