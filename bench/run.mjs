// `pnpm bench`: runs the benchmarks named on the command line (all by default), prints a
// table and writes each one's figures to bench/results/<name>.json.
import { writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, totalmem } from 'node:os';

const all = {
  'main-job': async () => (await import('./main-job.mjs')).benchMainJob(),
  quota: async () => (await import('./quota.mjs')).benchQuota(),
  overhead: async () => (await import('./overhead.mjs')).benchOverhead(),
  'sla-gaps': async () => (await import('./sla-gaps.mjs')).benchSlaGaps(),
  scale: async () => (await import('./scale.mjs')).benchScale(),
  startup: async () => (await import('./startup.mjs')).benchStartup(),
  memory: async () => (await import('./memory.mjs')).benchMemory(),
  'store-throughput': async () => (await import('./store-throughput.mjs')).benchStoreThroughput(),
  fleet: async () => (await import('./fleet.mjs')).benchFleet(),
  export: async () => (await import('./export.mjs')).benchExport(),
};

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of names) {
  if (!all[name]) {
    console.error(`unknown benchmark "${name}"; choose from: ${Object.keys(all).join(', ')}`);
    process.exit(2);
  }
}
const machine = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  arch: arch(),
};
const isTable = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
for (const name of names.length ? names : Object.keys(all)) {
  console.log(`\n== ${name}`);
  // The box may be shared: the load average before and after says how quiet it was.
  const loadBefore = loadavg()[0];
  const result = await all[name]();
  const load = { before: Number(loadBefore.toFixed(2)), after: Number(loadavg()[0].toFixed(2)) };
  const stamped = {
    ...result,
    machine: { ...machine, loadAverage1m: load },
    measuredAt: new Date().toISOString(),
  };
  const { samples, setup, machine: _m, measuredAt: _t, ...figures } = stamped;
  // Per-source (or per-command) figures get a table of their own.
  const nested = Object.entries(figures).filter(([, value]) => isTable(value));
  console.table(Object.fromEntries(Object.entries(figures).filter(([, value]) => !isTable(value))));
  for (const [key, value] of nested) {
    console.log(key);
    console.table(value);
  }
  await writeFile(
    new URL(`./results/${name}.json`, import.meta.url),
    `${JSON.stringify(stamped, null, 2)}\n`,
  );
}
