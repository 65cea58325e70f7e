// `pnpm chaos`: the fault campaign. CHAOS_RUNS runs (default 50), each from its own seed
// (CHAOS_SEED + i; CHAOS_SEED defaults to the clock and is printed, so a campaign can be
// repeated), each killed and resumed under injected faults; then the totals against the targets,
// a table, and bench/results/chaos.json. Exits 1 when a target is missed.
import { writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, totalmem } from 'node:os';
import { assertCliBuilt } from '../workspace.mjs';
import { chaosRun } from './chaos-run.mjs';

assertCliBuilt();
const RUNS = Number(process.env.CHAOS_RUNS ?? 50);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);
console.log(`chaos: ${RUNS} runs from seed ${SEED} (CHAOS_SEED=${SEED} repeats the draw)`);

const sum = (runs, pick) => runs.reduce((total, run) => total + pick(run), 0);
const duplicatedOf = (s) => s.rewritten.length + s.wrongPartition.length + s.unexpected.length;
const loadBefore = loadavg()[0];
const started = Date.now();
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const run = await chaosRun(SEED + i);
  runs.push(run);
  const s = run.store;
  console.log(
    [
      `#${String(i + 1).padStart(2)} seed ${run.seed}`,
      `faults ${run.faultsInjected} (rate ${run.faultRate})`,
      `storms ${run.storms}, 429s ${run.throttled}`,
      `kills ${run.kills}${run.artifactKills > 0 ? ` (${run.processes.find((p) => p.crashAt)?.crashAt})` : ''}`,
      `refused ${run.refusedAfterKill}`,
      `resumes ${run.resumes}`,
      `lost ${s.lost.length}`,
      `duplicated ${duplicatedOf(s)}`,
      `repeated ${run.repeated} (beyond bound ${run.beyond.length})`,
      `wrongly complete ${s.wronglyComplete.length}`,
      run.finished ? `${run.seconds}s` : 'UNFINISHED',
    ].join(' | '),
  );
  for (const line of [...run.beyond, ...s.lost, ...s.rewritten, ...s.wrongPartition, ...s.unexpected])
    console.log(`    ${line}`);
  for (const line of [...s.payloadMismatches, ...s.wronglyComplete]) console.log(`    ${line}`);
  for (const p of run.processes.filter((x) => x.refused)) console.log(`    refused: ${p.refused}`);
}

const totals = {
  runs: RUNS,
  kills: sum(runs, (r) => r.kills),
  artifactWriteKills: sum(runs, (r) => r.artifactKills),
  refusedAfterKill: sum(runs, (r) => r.refusedAfterKill),
  runsKilled: runs.filter((r) => r.kills > 0).length,
  resumes: sum(runs, (r) => r.resumes),
  unfinished: runs.filter((r) => !r.finished).length,
  requests: sum(runs, (r) => r.requests),
  faultsInjected: sum(runs, (r) => r.faultsInjected),
  throttled429: sum(runs, (r) => r.throttled),
  notGoodAnswers: sum(runs, (r) => r.notGood),
  expectedRecords: sum(runs, (r) => r.store.expected),
  lost: sum(runs, (r) => r.store.lost.length),
  duplicated: sum(runs, (r) => duplicatedOf(r.store)),
  payloadMismatches: sum(runs, (r) => r.store.payloadMismatches.length),
  repeatedCalls: sum(runs, (r) => r.repeated),
  inFlightBound: sum(runs, (r) => r.inFlightBound),
  repeatedBeyondBound: sum(runs, (r) => r.beyond.length),
  wronglyComplete: sum(runs, (r) => r.store.wronglyComplete.length),
};
const faultsByKind = {};
for (const run of runs) {
  for (const [kind, n] of Object.entries(run.faultsByKind))
    faultsByKind[kind] = (faultsByKind[kind] ?? 0) + n;
}
const killMoments = {
  startUp: sum(
    runs,
    (r) => r.processes.filter((p) => p.killed && p.killPlanned.startsWith('start-up')).length,
  ),
  duringRequests: sum(
    runs,
    (r) => r.processes.filter((p) => p.killed && p.killPlanned.startsWith('request')).length,
  ),
  duringArtifactWrite: sum(runs, (r) => r.artifactKills),
};
const artifactKillSteps = {};
for (const run of runs) {
  for (const p of run.processes.filter((x) => x.killed && x.crashAt))
    artifactKillSteps[p.crashAt] = (artifactKillSteps[p.crashAt] ?? 0) + 1;
}
const met = {
  lost: totals.lost === 0,
  duplicated: totals.duplicated === 0,
  repeatedWithinBound: totals.repeatedBeyondBound === 0 && totals.repeatedCalls <= totals.inFlightBound,
  wronglyComplete: totals.wronglyComplete === 0,
  noneRefusedAfterKill: totals.refusedAfterKill === 0,
  allFinished: totals.unfinished === 0,
};
console.table(totals);
console.table({ ...faultsByKind, '429 (storms)': totals.throttled429 });
console.table(killMoments);
console.table(artifactKillSteps);
console.table(met);
const result = {
  name: 'chaos',
  seed: SEED,
  minutes: Number(((Date.now() - started) / 60_000).toFixed(1)),
  targets: {
    lost: 0,
    duplicated: 0,
    repeatedCalls: 'within the in-flight bound',
    wronglyComplete: 0,
    refusedAfterKill: 0,
  },
  totals,
  faultsByKind,
  killMoments,
  artifactKillSteps,
  met,
  runs,
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    arch: arch(),
    loadAverage1m: { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) },
  },
  measuredAt: new Date().toISOString(),
};
await writeFile(new URL('../results/chaos.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
process.exitCode = Object.values(met).every(Boolean) ? 0 : 1;
