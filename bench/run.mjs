// `pnpm bench`: runs the benchmarks named on the command line (all by default), prints a
// table and writes each one's figures to bench/results/<name>.json.
import { writeFile } from 'node:fs/promises';
import { arch, cpus, totalmem } from 'node:os';

const all = {
  overhead: async () => (await import('./overhead.mjs')).benchOverhead(),
  'sla-gaps': async () => (await import('./sla-gaps.mjs')).benchSlaGaps(),
  memory: async () => (await import('./memory.mjs')).benchMemory(),
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
for (const name of names.length ? names : Object.keys(all)) {
  console.log(`\n== ${name}`);
  const result = { ...(await all[name]()), machine, measuredAt: new Date().toISOString() };
  const { samples, setup, machine: _m, measuredAt: _t, ...figures } = result;
  console.table(figures);
  await writeFile(new URL(`./results/${name}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
}
