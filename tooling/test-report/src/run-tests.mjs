#!/usr/bin/env node
// Runs every package's tests through turbo (one package at a time) with the counting reporter beside
// vitest's default one, then ends with one line over all packages: N passed, N failed, N skipped.
// Extra arguments go to `turbo run test` (e.g. --force, --filter=@freshet/core).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCounts } from './count-results.mjs';
import { pruneOldReports } from './report-files.mjs';
import { sumTestTasks } from './sum-reports.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const reporter = fileURLToPath(new URL('./vitest-reporter.mjs', import.meta.url));
const runsDir = join(root, '.turbo', 'runs');

const listRuns = () => new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);

const before = listRuns();
// One failing package does not stop the others (unless a build they need failed), so the total
// covers every package.
const turboArgs = [
  'run',
  'test',
  '--concurrency=1',
  '--continue=dependencies-successful',
  '--summarize',
  ...process.argv.slice(2),
];
const vitestArgs = ['--', '--reporter=default', `--reporter=${reporter}`];
const child = spawn('turbo', [...turboArgs, ...vitestArgs], { cwd: root, stdio: 'inherit' });
process.on('SIGINT', () => {}); // turbo gets Ctrl-C too and stops its tasks; the counts so far still print
process.on('SIGTERM', () => child.kill('SIGTERM'));

child.on('error', (error) => {
  console.error(`[freshet] [test-report] could not start turbo (${error.message}); run pnpm install first`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  const turboCode = code ?? (signal ? 1 : 0);
  const summaryFile = [...listRuns()].find((file) => !before.has(file) && file.endsWith('.json'));
  if (!summaryFile) {
    console.error('[freshet] [test-report] turbo wrote no run summary, so there are no counts to add up');
    process.exit(turboCode || 1);
  }
  const summaryPath = join(runsDir, summaryFile);
  const { total, lines } = sumTestTasks(root, JSON.parse(readFileSync(summaryPath, 'utf8')));
  rmSync(summaryPath, { force: true });
  pruneOldReports(root, Date.now());
  console.log(
    ['', 'Tests by package:', ...lines.map((line) => `  ${line}`), '', formatCounts(total)].join('\n'),
  );
  process.exit(turboCode !== 0 ? turboCode : total.failed > 0 ? 1 : 0);
});
