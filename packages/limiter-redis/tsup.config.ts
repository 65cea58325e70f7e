import { defineConfig } from 'tsup';
import { packageBuild } from '../../tooling/tsup-preset.js';

export default defineConfig(packageBuild(['src/index.ts']));
