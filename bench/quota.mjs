// Quota use at the real limits: the four simulators in this process at the APIs' rate limits,
// the engine in a child with every source at its default quota and several partitions per source
// in flight. Per source: the rate the simulator accepted over the rate it allows, and the
// violations it counted. Two spans: each source with slots of its own (the target figure), then
// one pool of slots shared by all sources (as `freshet run` has). BENCH_QUOTA_SECONDS sets each
// span (default 60).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFromRunner } from './workspace.mjs';

const SECONDS = Number(process.env.BENCH_QUOTA_SECONDS ?? 60);
const PARALLEL_PER_SOURCE = 3;
const API_KEY = 'freshet-bench-key';
const PAGES = { nih: 20, patentsview: 25, usaspending: 10 };
// Work for 1.5x the requests the span can hold, so no source runs dry before the parent stops it.
const need = (perSecond) => Math.ceil(perSecond * SECONDS * 1.5);

async function startSimulators(tk) {
  const nih = await tk.startNihSimulator({
    seed: 11,
    startDate: '2024-01-01',
    // 60 SBIR/STTR projects a week: 4 pages of 20 (later pages start one project early).
    weeks: Math.ceil(need(1) / 4),
    projectsPerWeek: 60,
    activityCodes: tk.SBIR_STTR_ACTIVITY_CODES,
  });
  const patentsview = await tk.startPatentsViewSimulator({
    seed: 11,
    startMonth: '2015-01',
    months: Math.ceil(need(0.75) / 6), // 150 patents a month: 6 or 7 pages of 25
    patentsPerMonth: 150,
    apiKeys: [API_KEY],
  });
  const usaspending = await tk.startUsaspendingSimulator({
    seed: 11,
    firstFiscalYear: 2010,
    fiscalYears: Math.ceil(need(2) / 25), // 150 contracts + 100 grants a year: 25+ pages of 10
    awardsPerYear: { contracts: 150, grants: 100, idvs: 0, direct_payments: 0, loans: 0, other: 0 },
  });
  const samGov = await tk.startSamGovSimulator({
    seed: 11,
    entities: Math.ceil(need(2) / 10) * 100, // batches of 100 UEIs: 10 pages each
    apiKeys: [API_KEY],
  });
  return { nih, patentsview, usaspending, samGov };
}

/** What each simulator allows, and why that is the figure to compare with. */
function allowedRates(sims) {
  return {
    nih: { sim: sims.nih, allowed: 1, basis: 'simulator: 1 per second per IP' },
    patentsview: { sim: sims.patentsview, allowed: 45 / 60, basis: 'simulator: 45 per minute per key' },
    usaspending: { sim: sims.usaspending, allowed: 2, basis: 'simulator: 120 per minute (burst 10/s)' },
    // SAM.gov's limit is a daily count (1,000 per key per UTC day), not a rate: in one minute the
    // API would take all 1,000. The source paces itself at 2/s (its README: the budget binds, not
    // the pace), so that pace is the rate it can be held to here.
    sam_gov: { sim: sims.samGov, allowed: 2, basis: 'quota pace 2/s; the API allows 1,000 a day' },
  };
}

/**
 * Accepted requests per second over [first, first + span]. Counted as intervals between arrivals,
 * so the span's two ends do not add or drop a request; idle time at the end of the span beyond
 * one allowed interval counts against the source (a source starved at the end is not excused).
 */
function achieved(log, spanMs, allowedPerSecond) {
  const accepted = log.filter((e) => !e.throttled && e.status !== 429).map((e) => e.at);
  accepted.sort((a, b) => a - b);
  const first = accepted[0];
  const inSpan = accepted.filter((at) => at <= first + spanMs);
  const last = inSpan.at(-1);
  const tailMs = first + spanMs - last;
  const covered = last - first + Math.max(0, tailMs - 1000 / allowedPerSecond);
  // The longest wait between two accepted requests (or until the span's end): a stall shows here.
  const longestGapMs = Math.max(tailMs, ...inSpan.slice(1).map((at, i) => at - inSpan[i]));
  return { requests: inSpan.length, perSecond: (inSpan.length - 1) / (covered / 1000), longestGapMs };
}

/** One span of `SECONDS` with fresh simulators, the engine's partitions given `slots`. */
async function measure(tk, slots) {
  const sims = await startSimulators(tk);
  const rates = allowedRates(sims);
  const range = (a, b) => `${a}..${b}`;
  const setup = {
    slots,
    dir: await mkdtemp(join(tmpdir(), 'freshet-bench-quota-')),
    urls: Object.fromEntries(Object.entries(sims).map(([name, sim]) => [name, sim.baseUrl])),
    apiKey: API_KEY,
    ueis: sims.samGov.ueis(),
    pages: PAGES,
    parallelPerSource: PARALLEL_PER_SOURCE,
    ranges: {
      nih: range(sims.nih.weeks()[0].isoWeek, sims.nih.weeks().at(-1).isoWeek),
      patentsview: range(sims.patentsview.months()[0].month, sims.patentsview.months().at(-1).month),
      usaspending: range(
        sims.usaspending.fiscalYears()[0].fiscalYear,
        sims.usaspending.fiscalYears().at(-1).fiscalYear,
      ),
    },
  };
  const child = spawn(process.execPath, [fileURLToPath(new URL('./quota-child.mjs', import.meta.url))], {
    env: { ...process.env, BENCH_QUOTA: JSON.stringify(setup) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    // Stop once every source has had its full span, plus a second for answers still being written
    // (the simulators log a request when it completes).
    const spanMs = SECONDS * 1000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (child.exitCode !== null) throw new Error(`quota child exited early: ${out}`);
      const firsts = Object.values(sims).map((sim) => sim.stats().log[0]?.at);
      if (firsts.every((at) => at !== undefined && Date.now() > at + spanMs + 1000)) break;
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
    await rm(setup.dir, { recursive: true, force: true });
  }
  if (out.includes('"ranOut"')) throw new Error(`a dataset ran out before the span ended: ${out}`);
  const perSource = {};
  for (const [id, { sim, allowed, basis }] of Object.entries(rates)) {
    const stats = sim.stats();
    const got = achieved(stats.log, SECONDS * 1000, allowed);
    perSource[id] = {
      requests: got.requests,
      achievedPerSecond: Number(got.perSecond.toFixed(4)),
      allowedPerSecond: Number(allowed.toFixed(4)),
      ratio: Number((got.perSecond / allowed).toFixed(3)),
      longestGapMs: got.longestGapMs,
      violations: stats.violations,
      throttled: stats.throttled,
      maxInFlight: stats.maxInFlight,
      basis,
    };
  }
  await Promise.all(Object.values(sims).map((sim) => sim.close()));
  return perSource;
}

const meets = (perSource) => Object.values(perSource).every((r) => r.ratio >= 0.95 && r.violations === 0);

export async function benchQuota() {
  const tk = await importFromRunner('@freshet/testkit');
  // The target figure: each source with partitions of its own in flight, so the limiter is what
  // is measured. Then the same with one shared pool of slots, as `freshet run` has.
  const perSource = await measure(tk, 'per-source');
  const sharedSlots = await measure(tk, 'shared');
  const rows = Object.values(perSource);
  return {
    name: 'quota',
    setup: {
      seconds: SECONDS,
      parallelPartitionsPerSource: PARALLEL_PER_SOURCE,
      sharedPoolSlots: PARALLEL_PER_SOURCE * rows.length,
      pageSizes: PAGES,
    },
    seconds: SECONDS,
    minRatio: Math.min(...rows.map((r) => r.ratio)),
    violations: rows.reduce((sum, r) => sum + r.violations, 0),
    target: 'ratio >= 0.95 per source, 0 violations',
    met: meets(perSource),
    sharedSlotsMet: meets(sharedSlots),
    perSource,
    sharedSlots,
  };
}
