import type { Options } from 'tsup';

/**
 * How every published Freshet package is built: ESM with type declarations and source maps,
 * for Node 20. A package's tsup.config.ts names its entries and anything of its own. The maps
 * name `../src/…` (and embed it); each package ships `src/` too (its package.json `files`), so a
 * stack trace points at a file the installed package holds (tooling/pack-install checks it).
 */
export function packageBuild(entry: Options['entry'], extra: Options = {}): Options {
  return { entry, format: ['esm'], dts: true, sourcemap: true, clean: true, target: 'node20', ...extra };
}
