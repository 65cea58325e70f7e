import { join } from 'node:path';
import { DEFAULT_CRON, type ResolvedConfig, resolveConfig } from '@freshet/core';
import type { SandboxSourceEntry } from './sandbox-sources.js';

/** Relative to the working directory (the repository root under `pnpm start`); git-ignored. */
export const SANDBOX_DIR = 'data/sandbox';
/** The upstream asset the sandbox reports as succeeded before each cycle. */
export const SANDBOX_UPSTREAM_ASSET = 'bulk_enrichment';

export interface SandboxPaths {
  dir: string;
  storePath: string;
  statePath: string;
}

export function sandboxPaths(dir: string): SandboxPaths {
  return {
    dir,
    storePath: join(dir, 'freshet.sqlite'),
    statePath: join(dir, 'state', 'enrichment_refresh_state.json'),
  };
}

/** The default configuration's shape with the sandbox's store, state and sources. */
export function sandboxConfig(paths: SandboxPaths, sources: SandboxSourceEntry[]): Promise<ResolvedConfig> {
  return resolveConfig(
    {
      store: { kind: 'sqlite', path: paths.storePath },
      state: { path: paths.statePath },
      schedule: { cron: DEFAULT_CRON, timezone: 'UTC' },
      sensor: { upstreamAssets: [SANDBOX_UPSTREAM_ASSET], intervalSeconds: 1 },
      run: { maxParallelPartitions: 4, leaseTtlSeconds: 60 },
      sources,
    },
    {
      filepath: join(paths.dir, 'freshet.sandbox.config.ts'),
      fileLabel: 'the sandbox configuration',
      env: {},
    },
  );
}
