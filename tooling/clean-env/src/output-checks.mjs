import { stripVTControlCharacters as plain } from 'node:util';

/**
 * What is wrong with the main job's output, or undefined when it ends as it should: with the
 * per-source table (a header, a row per source, a total row) showing no failed partition, followed
 * by the state artifact being written.
 * @param {string} output
 * @returns {string | undefined}
 */
export function mainJobProblem(output) {
  const lines = plain(output).split('\n');
  const headerAt = lines.findLastIndex((line) => /^\s*source\s+complete\s+skipped\s+failed\b/.test(line));
  if (headerAt === -1)
    return 'the output has no per-source table (a line starting "source  complete  skipped  failed")';
  const columns = (/** @type {string} */ line) => line.trim().split(/\s{2,}/);
  const header = columns(lines[headerAt] ?? '');
  const failedColumn = header.indexOf('failed');
  const rows = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (!/^\s+\S/.test(line)) break;
    rows.push(columns(line));
  }
  const total = rows.at(-1);
  if (rows.length < 2 || total?.[0] !== 'total') {
    return 'the per-source table does not have a row per source followed by a total row';
  }
  if (total[failedColumn] !== '0')
    return `the per-source table shows ${total[failedColumn]} failed partitions`;
  const after = lines.slice(headerAt + rows.length + 1);
  if (!after.some((line) => line.startsWith('state artifact written:'))) {
    return 'the output does not say "state artifact written:" after the per-source table';
  }
  return undefined;
}

/**
 * The counts on the test command's closing line (`N passed, N failed, N skipped`), or undefined
 * when the output does not end with one.
 * @param {string} output
 */
export function closingCounts(output) {
  const last = plain(output).trimEnd().split('\n').at(-1) ?? '';
  const match = /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(last.trim());
  if (!match) return undefined;
  return { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3]), line: last.trim() };
}
