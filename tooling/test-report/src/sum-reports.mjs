import { formatCounts } from './count-results.mjs';
import { readReport } from './report-files.mjs';

/**
 * @typedef {{ package: string, task: string, hash: string, cache?: { status?: string }, execution?: { exitCode?: number | null } }} TurboTask
 * @typedef {import('./count-results.mjs').Counts} Counts
 */

/**
 * Sums the counts of every test task in one turbo run (from its `--summarize` file). A task that
 * ran and left no counts failed before vitest could report (a config error, a crash) and counts as
 * one failure; one replayed from turbo's cache without its counts file is named, not guessed.
 * @param {string} root
 * @param {{ tasks: TurboTask[] }} runSummary
 * @returns {{ total: Counts, lines: string[] }}
 */
export function sumTestTasks(root, runSummary) {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const lines = [];
  const tasks = runSummary.tasks
    .filter((t) => t.task === 'test')
    .sort((a, b) => a.package.localeCompare(b.package));
  const width = Math.max(0, ...tasks.map((t) => t.package.length));
  for (const task of tasks) {
    const name = task.package.padEnd(width);
    const cached = task.cache?.status === 'HIT';
    const exitCode = task.execution?.exitCode;
    const report = readReport(root, task.hash);
    if (report) {
      total.passed += report.passed;
      total.failed += report.failed;
      total.skipped += report.skipped;
      lines.push(`${name}  ${formatCounts(report)}${cached ? ' (cached)' : ''}`);
    } else if (cached) {
      lines.push(
        `${name}  no counts: replayed from turbo's cache without them (pnpm test:all -- --force reruns it)`,
      );
    } else if (exitCode === undefined || exitCode === null) {
      total.failed += 1;
      lines.push(`${name}  did not run (a task it depends on failed)`);
    } else {
      total.failed += 1;
      lines.push(`${name}  vitest exited with code ${exitCode} before reporting any test`);
    }
  }
  return { total, lines };
}
