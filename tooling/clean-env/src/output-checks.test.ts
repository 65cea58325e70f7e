import { describe, expect, it } from 'vitest';
import { closingCounts, mainJobProblem } from './output-checks.mjs';

const TABLE = [
  'run run_1 (sensor, sensor:1) succeeded in 787 ms',
  '  source       complete  skipped  failed  written  unchanged  not found  API calls  retries  duration',
  '  nih          3         0        0       90       0          0          12         0        741 ms',
  '  usaspending  3         0        0       150      0          0          15         0        610 ms',
  '  total        6         0        0       240      0          0          27         0        787 ms',
  'SLA gaps closed (6):',
  'state artifact written: data/sandbox/state/enrichment_refresh_state.json',
  'Cycle done in 2.7 s.',
];

describe("the main job's output", () => {
  it('passes when it ends with the per-source table, no failed partition and the state artifact', () => {
    expect(mainJobProblem(TABLE.join('\n'))).toBeUndefined();
    expect(mainJobProblem(`\u001b[1m${TABLE.join('\n')}\u001b[22m`)).toBeUndefined();
  });

  it('names what is missing or wrong', () => {
    expect(mainJobProblem('Cycle done.')).toMatch(/no per-source table/);
    expect(mainJobProblem(TABLE.filter((line) => !line.includes('total')).join('\n'))).toMatch(/total row/);
    const failed = TABLE.map((line) =>
      line.replace('  total        6         0        0', '  total        6         0        2'),
    );
    expect(mainJobProblem(failed.join('\n'))).toBe('the per-source table shows 2 failed partitions');
    expect(mainJobProblem(TABLE.filter((line) => !line.startsWith('state artifact')).join('\n'))).toMatch(
      /does not say "state artifact written:"/,
    );
  });
});

describe("the test command's closing line", () => {
  it('is read from the last line only', () => {
    expect(closingCounts('lots of output\n1204 passed, 0 failed, 3 skipped\n')).toEqual({
      passed: 1204,
      failed: 0,
      skipped: 3,
      line: '1204 passed, 0 failed, 3 skipped',
    });
    expect(closingCounts('1 passed, 0 failed, 0 skipped\nthen something else\n')).toBeUndefined();
  });
});
