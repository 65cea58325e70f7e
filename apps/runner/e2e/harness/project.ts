import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import {
  type FreshetOptions,
  type FreshetResult,
  freshet,
  type RunningFreshet,
  spawnFreshet,
} from './binary.js';
import { sleep } from './proxy.js';

/** Quota overrides that keep tests fast: no client-side pacing, quick retries. */
export const FAST_QUOTA = {
  maxConcurrent: 2,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  timeoutMs: 10_000,
  retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 },
};

export interface ProjectOptions {
  /** Where the NIH source sends its requests (a simulator or a recording proxy in front of one). */
  baseUrl: string;
  /** The source's partition range. Default `2025-W09..2025-W12`. */
  range?: string;
  /** Projects per request (the adapter allows 2–500). Default 5, so a week is a few slices. */
  limit?: number;
  /** The source's SLA (the NIH default is 7d). */
  sla?: string;
  /** Merged over FAST_QUOTA. */
  quota?: Record<string, unknown>;
  run?: { maxParallelPartitions?: number; leaseTtlSeconds?: number };
  upstreamAssets?: string[];
  schedule?: { cron: string; timezone: string };
}

export interface E2eProject {
  dir: string;
  configPath: string;
  statePath: string;
  storePath: string;
  /** `freshet --config <configPath> <argv>` in the project directory. */
  freshet(argv: readonly string[], options?: Omit<FreshetOptions, 'cwd'>): Promise<FreshetResult>;
  spawn(argv: readonly string[], options?: Omit<FreshetOptions, 'cwd'>): RunningFreshet;
  /** Replaces the configuration file with `text`. */
  writeConfig(text: string): Promise<void>;
  /** The project's store, opened by the test process (read alongside the CLI; SQLite WAL). */
  store(): Promise<Store>;
  /** Resolves once no lease (run lock or partition) is live, as after a dead run's TTL ran out. */
  waitForLeasesToExpire(timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

/** The `freshet.config.ts` a deployment would write, with the NIH source pointed at `baseUrl`. */
export function configText(options: ProjectOptions): string {
  const run = { maxParallelPartitions: 1, leaseTtlSeconds: 60, ...options.run };
  const quota = { ...FAST_QUOTA, ...options.quota };
  const nihOptions = { baseUrl: options.baseUrl, limit: options.limit ?? 5 };
  return `// Written by the runner's end-to-end tests.
import { defineConfig } from '@freshet/core';
import { nih } from '@freshet/source-nih';

export default defineConfig({
  store: { kind: 'sqlite', path: 'data/freshet.sqlite' },
  state: { path: 'data/state/enrichment_refresh_state.json' },
  schedule: ${JSON.stringify(options.schedule ?? { cron: '0 2 * * *', timezone: 'UTC' })},
  sensor: { upstreamAssets: ${JSON.stringify(options.upstreamAssets ?? ['bulk_enrichment'])} },
  run: ${JSON.stringify(run)},
  sources: [
    {
      source: nih(${JSON.stringify(nihOptions)}),
      range: ${JSON.stringify(options.range ?? '2025-W09..2025-W12')},
      quota: ${JSON.stringify(quota)},${options.sla ? `\n      sla: ${JSON.stringify(options.sla)},` : ''}
    },
  ],
});
`;
}

/** A temp project directory: `config/freshet.config.ts`, and `data/` once a command ran. */
export async function e2eProject(options: ProjectOptions): Promise<E2eProject> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-e2e-'));
  const configPath = join(dir, 'config', 'freshet.config.ts');
  const storePath = join(dir, 'data', 'freshet.sqlite');
  await mkdir(join(dir, 'config'), { recursive: true });
  await writeFile(configPath, configText(options));
  let store: Store | null = null;
  const withConfig = (argv: readonly string[]) => ['--config', configPath, ...argv];

  const project: E2eProject = {
    dir,
    configPath,
    statePath: join(dir, 'data', 'state', 'enrichment_refresh_state.json'),
    storePath,
    freshet: (argv, opts = {}) => freshet(withConfig(argv), { ...opts, cwd: dir }),
    spawn: (argv, opts = {}) => spawnFreshet(withConfig(argv), { ...opts, cwd: dir }),
    writeConfig: (text) => writeFile(configPath, text),
    async store() {
      store ??= await openSqliteStore({ path: storePath });
      return store;
    },
    async waitForLeasesToExpire(timeoutMs = 15_000) {
      const s = await project.store();
      const deadline = Date.now() + timeoutMs;
      while ((await s.listLeases(new Date())).length > 0) {
        if (Date.now() > deadline) throw new Error(`leases still live after ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    async dispose() {
      await store?.close();
      store = null;
      await rm(dir, { recursive: true, force: true });
    },
  };
  return project;
}
