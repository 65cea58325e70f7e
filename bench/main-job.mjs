// The main job at the physical limit: the four simulators with the real APIs' rate limits and
// datasets sized so each source alone needs about a minute of its quota (NIH 60 weeks, one
// request each; USAspending 2 fiscal years of 1,000 awards per award type group, ~120 pages;
// PatentsView 22 months of 1,200 patents, 2 pages each; SAM.gov 1,000 UEIs, ~110 pages), and the
// built `freshet run` with the default configuration against them, on a fresh store: first all
// four sources in one run, then each source alone, in the same benchmark run. A source's
// physical limit is its requests ÷ the rate its quota allows ((requests - 1) × intervalMs /
// requestsPerInterval); a run's is that of its slowest source. The figure is limit ÷ wall time:
// 1.0 is a run that never waits on anything but the quotas. BENCH_MAIN_JOB_ALONE=0 skips the
// single-source runs.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_PATH, importFromRunner } from './workspace.mjs';

const SEED = 7;
const API_KEY = 'freshet-bench-key';
const SOURCES = ['nih', 'sam_gov', 'usaspending', 'patentsview'];
const ALONE = process.env.BENCH_MAIN_JOB_ALONE !== '0';

async function startApis(tk) {
  // Each simulator keeps its default rate limits (the real APIs').
  const sims = {
    nih: await tk.startNihSimulator({ seed: SEED, weeks: 60 }),
    sam_gov: await tk.startSamGovSimulator({ seed: SEED, apiKeys: [API_KEY] }),
    usaspending: await tk.startUsaspendingSimulator({ seed: SEED, fiscalYears: 2, awardsPerYear: 1000 }),
    patentsview: await tk.startPatentsViewSimulator({
      seed: SEED,
      apiKeys: [API_KEY],
      months: 22,
      patentsPerMonth: 1200,
    }),
  };
  return { sims, close: () => Promise.all(Object.values(sims).map((s) => s.close())) };
}

/** The default configuration, each source pointed at its simulator: no quota or slot settings. */
function configText(sims) {
  const weeks = sims.nih.weeks();
  const years = sims.usaspending.fiscalYears();
  const months = sims.patentsview.months();
  const url = (id) => JSON.stringify(sims[id].baseUrl);
  return `import { defineConfig } from '@freshet/core';
import { nih } from '@freshet/source-nih';
import { patentsview } from '@freshet/source-patentsview';
import { samGov } from '@freshet/source-sam-gov';
import { usaspending } from '@freshet/source-usaspending';

export default defineConfig({
  sources: [
    { source: nih({ baseUrl: ${url('nih')} }), range: '${weeks[0].isoWeek}..${weeks.at(-1).isoWeek}' },
    { source: samGov({ baseUrl: ${url('sam_gov')}, apiKey: '${API_KEY}', ueiFile: 'data/ueis.txt' }) },
    { source: usaspending({ baseUrl: ${url('usaspending')} }), range: '${years[0].fiscalYear}..${years.at(-1).fiscalYear}' },
    { source: patentsview({ baseUrl: ${url('patentsview')}, apiKey: '${API_KEY}' }), range: '${months[0].month}..${months.at(-1).month}' },
  ],
});
`;
}

async function quotaSpacingMs(someUei) {
  const factories = {
    nih: (await importFromRunner('@freshet/source-nih')).nih({}),
    sam_gov: (await importFromRunner('@freshet/source-sam-gov')).samGov({ apiKey: API_KEY, ueis: [someUei] }),
    usaspending: (await importFromRunner('@freshet/source-usaspending')).usaspending({}),
    patentsview: (await importFromRunner('@freshet/source-patentsview')).patentsview({ apiKey: API_KEY }),
  };
  return Object.fromEntries(
    Object.entries(factories).map(([id, source]) => [
      id,
      {
        spacingMs: source.quota.intervalMs / source.quota.requestsPerInterval,
        maxConcurrent: source.quota.maxConcurrent,
      },
    ]),
  );
}

function runCli(dir, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir },
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
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr, wallMs: performance.now() - started }));
  });
}

/** One `freshet run` on a fresh project and fresh simulators; `only` limits it to one source. */
async function measureRun(tk, only) {
  const apis = await startApis(tk);
  const spacing = await quotaSpacingMs(apis.sims.sam_gov.ueis()[0]);
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-main-'));
  try {
    await mkdir(join(dir, 'config'));
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'data', 'ueis.txt'), `${apis.sims.sam_gov.ueis().join('\n')}\n`);
    await writeFile(join(dir, 'config', 'freshet.config.ts'), configText(apis.sims));
    const args = ['run', '--json', ...(only ? ['--source', only] : [])];
    const result = await runCli(dir, args);
    const summary = result.stdout ? JSON.parse(result.stdout) : null;
    if (result.code !== 0) {
      const failed = (summary?.partitions ?? [])
        .filter((p) => p.status !== 'complete')
        .map((p) => `${p.partitionKey}: ${p.error?.message}`);
      throw new Error(
        `freshet ${args.join(' ')} exited ${result.code}: ${result.stderr} ${failed.slice(0, 5).join('; ')}`,
      );
    }
    const perSource = {};
    let limitMs = 0;
    for (const id of only ? [only] : SOURCES) {
      const stats = apis.sims[id].stats();
      const sourceLimitMs = Math.max(0, stats.requests - 1) * spacing[id].spacingMs;
      limitMs = Math.max(limitMs, sourceLimitMs);
      perSource[id] = {
        requests: stats.requests,
        throttled: stats.throttled,
        violations: stats.violations,
        physicalLimitS: Number((sourceLimitMs / 1000).toFixed(1)),
      };
    }
    return {
      quotas: spacing,
      status: summary.status,
      partitions: summary.totals?.complete,
      wallS: Number((result.wallMs / 1000).toFixed(1)),
      physicalLimitS: Number((limitMs / 1000).toFixed(1)),
      ratio: Number((limitMs / result.wallMs).toFixed(3)),
      perSource,
    };
  } finally {
    await apis.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchMainJob() {
  const tk = await importFromRunner('@freshet/testkit');
  console.log('all four sources in one run …');
  const together = await measureRun(tk, null);
  const alone = {};
  if (ALONE) {
    for (const id of SOURCES) {
      console.log(`${id} alone …`);
      const run = await measureRun(tk, id);
      alone[id] = {
        wallS: run.wallS,
        physicalLimitS: run.physicalLimitS,
        ratio: run.ratio,
        ...run.perSource[id],
      };
    }
  }
  return {
    name: 'main-job',
    setup: {
      seed: SEED,
      config: 'default (no quota, slot or parallelism settings)',
      quotas: together.quotas,
    },
    wallS: together.wallS,
    physicalLimitS: together.physicalLimitS,
    ratio: together.ratio,
    status: together.status,
    violations: Object.values(together.perSource).reduce((sum, s) => sum + s.violations, 0),
    target: 'physical limit ÷ wall time >= 0.95 with all four sources in one run, 0 violations',
    met: together.ratio >= 0.95 && Object.values(together.perSource).every((s) => s.violations === 0),
    together: together.perSource,
    ...(ALONE ? { alone } : {}),
  };
}
