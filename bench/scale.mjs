// The runner's read paths at scale, on the store sla-gaps.mjs seeds (100,000 partitions, 1,000,000
// ledger rows): the planner in-process, and `freshet status` and `freshet plan` as an operator
// runs them (the built binary, a freshet.config.ts listing those partitions). Each figure is
// measured beside a reference taken in the same run, as the box is shared and noisy.
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
// Loaded into each timed child: its peak RSS, on stderr at exit.
const REPORT_RSS = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => process.stderr.write('\\nfreshet-bench-max-rss ' + process.resourceUsage().maxRSS + '\\n'));",
)}`;

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

/** Wall time of `freshet <argv>` from spawn to exit, as a shell would see it, and its peak RSS. */
function timeCli(dir, argv) {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', REPORT_RSS, CLI_PATH, ...argv], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, FRESHET_NOW: new Date(SEED_NOW).toISOString() },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - started;
  if (child.status !== 0)
    throw new Error(`freshet ${argv.join(' ')} exited ${child.status}: ${child.stderr}`);
  const rssKiB = Number(/freshet-bench-max-rss (\d+)/.exec(child.stderr)?.[1]);
  return { ms, stdout: child.stdout, rssMiB: Math.round(rssKiB / 1024) };
}

export async function benchScale() {
  assertCliBuilt();
  const runner = await importRunner();
  runner.allowConfigsToImportFreshet(); // the config imports @freshet/core, as a deployment's does
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-scale-'));
  try {
    await mkdir(join(dir, 'config'));
    // The project's node_modules holds the compiled-config cache, where this benchmark can clear it.
    await mkdir(join(dir, 'node_modules'));
    await writeFile(join(dir, 'config', 'freshet.config.ts'), configText());
    const { config } = await loadConfig({ cwd: dir });
    const store = await openSqliteStore({ path: config.store.path });
    const seedStarted = performance.now();
    await seed(store, SEED_NOW);
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // Reference for the planner: the store reads any plan of every partition needs (each
    // source's checkpoint summaries and stale-record counts), timed in the same rounds.
    const planMs = [];
    const readsMs = [];
    let planned;
    for (let round = 0; round < ROUNDS; round++) {
      const readsStarted = performance.now();
      for (const { source, slaMs } of config.sources) {
        await store.listCheckpointSummaries(source.id);
        await store.staleCounts(source.id, new Date(SEED_NOW - slaMs));
      }
      readsMs.push(performance.now() - readsStarted);
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

    // Reference for the CLI: `freshet --help`, what every command pays before it does anything.
    // A status without the compiled-config cache (loading the TypeScript compiler) is shown too.
    const cache = join(dir, 'node_modules', '.cache', 'freshet');
    const helpMs = [];
    const statusMs = [];
    const statusColdMs = [];
    let status;
    let statusRssMiB = 0;
    timeCli(dir, ['status', '--json']); // warm-up: the page cache, and the compiled config
    for (let round = 0; round < ROUNDS; round++) {
      helpMs.push(timeCli(dir, ['--help']).ms);
      const warm = timeCli(dir, ['status', '--json']);
      statusMs.push(warm.ms);
      statusRssMiB = warm.rssMiB;
      status = JSON.parse(warm.stdout);
      await rm(cache, { recursive: true, force: true });
      statusColdMs.push(timeCli(dir, ['status', '--json']).ms);
    }
    // `freshet plan --json`: 100,000 entries printed. Wall time and peak RSS (no target),
    // beside status's RSS in this run.
    const planCli = timeCli(dir, ['plan', '--json']);
    const printed = JSON.parse(planCli.stdout);

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
      printedEntries: printed.entries.length,
      statusSlaGaps: status.sources.reduce((sum, s) => sum + s.slaGaps, 0),
      seedSeconds: Number(seedSeconds.toFixed(1)),
      figures: {
        'plan (in-process)': {
          medianMs: Math.round(planMedian),
          target: '< 1000 ms',
          met: planMedian < 1000,
          reference: 'store reads a plan needs',
          referenceMs: Math.round(median(readsMs)),
        },
        'freshet status --json': {
          medianMs: Math.round(statusMedian),
          target: '< 500 ms',
          met: statusMedian < 500,
          reference: 'freshet --help',
          referenceMs: Math.round(median(helpMs)),
        },
        'freshet status --json, config not cached': {
          medianMs: Math.round(median(statusColdMs)),
          target: '(none: once per config edit)',
          met: null,
          reference: 'freshet --help',
          referenceMs: Math.round(median(helpMs)),
        },
        'freshet plan --json': {
          medianMs: Math.round(planCli.ms),
          target: '(none: one run)',
          met: null,
          reference: 'freshet status --json',
          referenceMs: Math.round(statusMedian),
        },
      },
      peakRssMiB: { 'freshet plan --json': planCli.rssMiB, 'freshet status --json': statusRssMiB },
      met: planMedian < 1000 && statusMedian < 500,
      samples: {
        planMs: planMs.map(Math.round),
        storeReadsMs: readsMs.map(Math.round),
        statusMs: statusMs.map(Math.round),
        statusColdMs: statusColdMs.map(Math.round),
        helpMs: helpMs.map(Math.round),
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
