import { defineConfig } from 'tsup';
import { packageBuild } from '../../tooling/tsup-preset.js';

export default defineConfig(
  packageBuild({
    index: 'src/index.ts',
    conformance: 'src/conformance/index.ts',
    store: 'src/store/index.ts',
  }),
);
