import { defineConfig } from 'tsup';
import { packageBuild } from '../../tooling/tsup-preset.js';

// typescript is loaded only for freshet.config.ts files, from the user's own install.
export default defineConfig(
  packageBuild(['src/index.ts', 'src/sqlite.ts', 'src/kysely.ts', 'src/export.ts'], {
    external: ['typescript'],
  }),
);
