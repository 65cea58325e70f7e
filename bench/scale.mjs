// The runner's read paths at scale, on the store sla-gaps.mjs seeds (100,000 partitions, 1,000,000
// ledger rows): the planner in-process, and `freshet status` and `freshet plan` as an operator
// runs them (the built binary, a freshet.config.ts listing those partitions).
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { PARTITIONS, SEED_NOW, SOURCES, seed } from './sla-gaps.mjs';
import { assertCliBuilt, CLI_PATH, importRunner } from './workspace.mjs';

const ROUNDS = 5;
const DAY = 86_400_000;

/** Four sources whose partitions are exactly the seeded ones; they are listed, never fetched. */
export function configText() {
  const entries = SOURCES.map(({ id, slaMs }) => `{ source: seeded('${id}'), sla: '${slaMs / DAY}d' }`);
  return `import { batchCohorts, defineConfig, defineSource } from '@freshet/core';

const cohort = batchCohorts({ prefix: 'batch', digits: 6 });
const quota = {
  maxConcurrent: 1, requestsPerInterval: 1, intervalMs: 1000, dailyBudget: null, timeoutMs: 1000,
  retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
};
const seeded = (id: string) =>
  defineSource({
    id, cohort, quota, sla: '7d', options: {},
    listPartitions: async () =>
      Array.from({ length: ${PARTITIONS / SOURCES.length} }, (_, i) => cohort.fromOrdinal(i + 1)),
    fetchSlice: async () => { throw new Error('the scale benchmark never fetches'); },
    recordKey: (record: { id: string }) => record.id,
  });

export default defineConfig({ sources: [${entries.join(', ')}] });
`;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Wall time of `freshet <argv>` from spawn to exit, as a shell would see it. */
function timeCli(dir, argv) {
  const started = performance.now();
  const child = spawnSync(process.execPath, [CLI_PATH, ...argv], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, FRESHET_NOW: new Date(SEED_NOW).toISOString() },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`freshet ${argv.join(' ')} exited ${child.status}: ${child.stderr}`);
  return { ms, stdout: child.stdout };
}

export async function benchScale() {
  assertCliBuilt();
  const runner = await importRunner();
  runner.allowConfigsToImportFreshet(); // the config imports @freshet/core, as a deployment's does
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-scale-'));
  try {
    await mkdir(join(dir, 'config'));
    await writeFile(join(dir, 'config', 'freshet.config.ts'), configText());
    const { config } = await loadConfig({ cwd: dir });
    const store = await openSqliteStore({ path: config.store.path });
    const seedStarted = performance.now();
    await seed(store, SEED_NOW);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const planMs = [];
    let planned;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      planned = await runner.plan({
        store,
        sources: config.sources,
        scope: runner.EMPTY_SCOPE,
        now: new Date(SEED_NOW),
      });
      planMs.push(performance.now() - started);
    }
    await store.close();

    const statusMs = [];
    let status;
    for (let round = 0; round < ROUNDS; round++) {
      const { ms, stdout } = timeCli(dir, ['status', '--json']);
      statusMs.push(ms);
      status = JSON.parse(stdout);
    }
    // One full `freshet plan --json`: 100,000 entries printed, for the record (no target).
    const planCli = timeCli(dir, ['plan', '--json']);

    const planMedian = median(planMs);
    const statusMedian = median(statusMs);
    return {
      name: 'scale',
      setup: {
        partitions: PARTITIONS,
        ledgerRows: PARTITIONS * 10,
        rounds: ROUNDS,
        config: 'freshet.config.ts',
      },
      plannedEntries: planned.entries.length,
      plannedRun: planned.totals.run,
      statusSlaGaps: status.sources.reduce((sum, s) => sum + s.slaGaps, 0),
      seedSeconds: Number(seedSeconds.toFixed(1)),
      figures: {
        'plan (in-process)': {
          medianMs: Math.round(planMedian),
          target: '< 1000 ms',
          met: planMedian < 1000,
        },
        'freshet status --json': {
          medianMs: Math.round(statusMedian),
          target: '< 500 ms',
          met: statusMedian < 500,
        },
        'freshet plan --json': { medianMs: Math.round(planCli.ms), target: '(none: one run)', met: null },
      },
      met: planMedian < 1000 && statusMedian < 500,
      samples: { planMs: planMs.map(Math.round), statusMs: statusMs.map(Math.round) },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
