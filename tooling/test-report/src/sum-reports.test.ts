import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneOldReports, readReport, writeReport } from './report-files.mjs';
import { sumTestTasks } from './sum-reports.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
function scratchRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'freshet-report-'));
  roots.push(root);
  return root;
}

const task = (pkg: string, hash: string, extra: object = {}) => ({
  package: pkg,
  task: 'test',
  hash,
  ...extra,
});

describe('the sum over all packages', () => {
  it("adds up each test task's counts, found by turbo's task hash, cache hits included", () => {
    const root = scratchRoot();
    writeReport(root, 'aaa', { package: '@freshet/core', passed: 10, failed: 1, skipped: 2 });
    writeReport(root, 'bbb', { package: '@freshet/runner', passed: 5, failed: 0, skipped: 1 });
    writeReport(root, 'old', { package: '@freshet/core', passed: 99, failed: 99, skipped: 99 });
    const { total, lines } = sumTestTasks(root, {
      tasks: [
        task('@freshet/runner', 'bbb', { cache: { status: 'HIT' }, execution: { exitCode: 0 } }),
        task('@freshet/core', 'aaa', { cache: { status: 'MISS' }, execution: { exitCode: 1 } }),
        { package: '@freshet/core', task: 'build', hash: 'ccc' },
      ],
    });
    expect(total).toEqual({ passed: 15, failed: 1, skipped: 3 });
    expect(lines).toEqual([
      '@freshet/core    10 passed, 1 failed, 2 skipped',
      '@freshet/runner  5 passed, 0 failed, 1 skipped (cached)',
    ]);
  });

  it('counts a task that ran without reporting, or did not run, as a failure, and names a cache hit without counts', () => {
    const root = scratchRoot();
    const { total, lines } = sumTestTasks(root, {
      tasks: [
        task('a', '1', { cache: { status: 'MISS' }, execution: { exitCode: 2 } }),
        task('b', '2', { cache: { status: 'MISS' } }),
        task('c', '3', { cache: { status: 'HIT' }, execution: { exitCode: 0 } }),
      ],
    });
    expect(total).toEqual({ passed: 0, failed: 2, skipped: 0 });
    expect(lines).toEqual([
      'a  vitest exited with code 2 before reporting any test',
      'b  did not run (a task it depends on failed)',
      "c  no counts: replayed from turbo's cache without them (pnpm test:all -- --force reruns it)",
    ]);
  });
});

describe('the report files', () => {
  it('keep recent reports and drop month-old ones', () => {
    const root = scratchRoot();
    writeReport(root, 'recent', { package: 'p', passed: 1, failed: 0, skipped: 0 });
    pruneOldReports(root, Date.now() + 29 * 24 * 3600_000);
    expect(readReport(root, 'recent')).toEqual({ package: 'p', passed: 1, failed: 0, skipped: 0 });
    pruneOldReports(root, Date.now() + 31 * 24 * 3600_000);
    expect(readReport(root, 'recent')).toBeUndefined();
  });
});
