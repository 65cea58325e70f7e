import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A folder the root .gitignore ignores; one small JSON file per package test run. */
export const REPORT_DIR = '.test-report';
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * @typedef {import('./count-results.mjs').Counts & { package: string }} PackageReport
 */

/**
 * Files are named after turbo's task hash, so a test task that turbo replays from its cache finds
 * the counts of the run that made that cache entry (and a changed package never reads old ones).
 * @param {string} root
 * @param {string} key
 */
export function reportPath(root, key) {
  return join(root, REPORT_DIR, `${key.replace(/[^\w.-]+/g, '_')}.json`);
}

/**
 * @param {string} root
 * @param {string} key
 * @param {PackageReport} report
 */
export function writeReport(root, key, report) {
  mkdirSync(join(root, REPORT_DIR), { recursive: true });
  writeFileSync(reportPath(root, key), `${JSON.stringify(report)}\n`);
}

/**
 * @param {string} root
 * @param {string} key
 * @returns {PackageReport | undefined}
 */
export function readReport(root, key) {
  const path = reportPath(root, key);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/**
 * Drops reports no cache entry is likely to need any more, so the folder stays small.
 * @param {string} root
 * @param {number} now
 */
export function pruneOldReports(root, now) {
  const dir = join(root, REPORT_DIR);
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    if (now - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { force: true });
  }
}
