// A temporary Freshet project for one chaos run: a freshet.config.mjs pointing the four sources at
// the recording proxies, and the built `freshet` binary run in it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CLI_PATH } from '../workspace.mjs';
import { API_KEY, PAGE_SIZES } from './simulators.mjs';

export const PARALLEL_PARTITIONS = 4;
// Short, so a killed run's leases run out soon; renewed every second by a live run.
const LEASE_TTL_SECONDS = 2;
// A short client timeout meets the simulators' `timeout` fault (held for 1.5 s) on every attempt.
export const CLIENT_TIMEOUT_MS = 400;
const QUOTA = {
  maxConcurrent: 2,
  requestsPerInterval: 20,
  intervalMs: 1000,
  timeoutMs: CLIENT_TIMEOUT_MS,
  // maxDelayMs above the storms' Retry-After (at most 2 s), so a 429 is waited out, not fatal.
  retry: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 3000 },
};

// .mjs rather than .ts: a TypeScript config loads the compiler on every start (about 0.4 s here),
// which would only slow the campaign; the configuration is the same either way.
/**
 * A freshet.config.mjs pointing the four sources at the proxies. `settings` are the top-level
 * keys before `sources` (store, run, sensor…) as config text; `quota` applies to every source.
 */
export function apisConfigText(apis, { settings, quota }) {
  const url = (name) => JSON.stringify(apis.proxies[name].baseUrl);
  const weeks = apis.sims.nih.weeks();
  const years = apis.sims.usaspending.fiscalYears();
  const months = apis.sims.patentsview.months();
  return `import { defineConfig } from '@freshet/core';
import { nih } from '@freshet/source-nih';
import { patentsview } from '@freshet/source-patentsview';
import { samGov } from '@freshet/source-sam-gov';
import { usaspending } from '@freshet/source-usaspending';

const quota = ${JSON.stringify(quota)};
export default defineConfig({
${settings}
  sources: [
    { source: nih({ baseUrl: ${url('nih')}, limit: ${PAGE_SIZES.nih} }), range: '${weeks[0].isoWeek}..${weeks.at(-1).isoWeek}', quota },
    {
      source: usaspending({ baseUrl: ${url('usaspending')}, awardTypeGroups: ['contracts', 'grants'], limit: ${PAGE_SIZES.usaspending} }),
      range: '${years[0].fiscalYear}..${years.at(-1).fiscalYear}',
      quota,
    },
    {
      source: patentsview({ baseUrl: ${url('patentsview')}, apiKey: '${API_KEY}', pageSize: ${PAGE_SIZES.patentsview} }),
      range: '${months[0].month}..${months.at(-1).month}',
      quota,
    },
    {
      source: samGov({ baseUrl: ${url('samGov')}, apiKey: '${API_KEY}', ueis: ${JSON.stringify(apis.ueis)}, batchSize: ${PAGE_SIZES.samBatch} }),
      quota,
    },
  ],
});
`;
}

function configText(apis) {
  return apisConfigText(apis, {
    quota: QUOTA,
    settings: `  store: { kind: 'sqlite', path: 'data/freshet.sqlite' },
  state: { path: 'data/state/enrichment_refresh_state.json' },
  run: { maxParallelPartitions: ${PARALLEL_PARTITIONS}, leaseTtlSeconds: ${LEASE_TTL_SECONDS} },`,
  });
}

export async function createProject(apis) {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-chaos-'));
  await mkdir(join(dir, 'config'));
  await writeFile(join(dir, 'config', 'freshet.config.mjs'), configText(apis));
  const storePath = join(dir, 'data', 'freshet.sqlite');
  return {
    dir,
    storePath,
    /** `freshet run --json` in the project, `env` added; `child` to kill it, `done` with its exit. */
    spawnRun(env = {}) {
      const child = spawn(process.execPath, [CLI_PATH, 'run', '--json'], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: dir, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
      });
      const done = new Promise((resolve) =>
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
      );
      return { child, done };
    },
    /** Waits until no lease a killed run left is live, as its successor would otherwise be refused. */
    async leasesExpired() {
      if (!existsSync(storePath)) return;
      const db = new Database(storePath, { readonly: true, fileMustExist: true });
      try {
        const hasTable = db.prepare("select 1 from sqlite_master where name = 'leases'").get();
        const until = hasTable ? db.prepare('select max(expires_at) as at from leases').get().at : null;
        if (until !== null && until > Date.now()) {
          await new Promise((resolve) => setTimeout(resolve, Number(until) - Date.now() + 20));
        }
      } finally {
        db.close();
      }
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
