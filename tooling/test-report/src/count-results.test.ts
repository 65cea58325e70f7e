import { describe, expect, it } from 'vitest';
import { countResults, formatCounts } from './count-results.mjs';

const test = (state: string) => ({ result: () => ({ state }) });
const module = (state: string, tests: string[]) => ({
  state: () => state,
  children: { allTests: () => tests.map(test) },
});

describe('the counts of one vitest run', () => {
  it('counts tests by state, with skipped and todo tests as skipped', () => {
    const modules = [
      module('passed', ['passed', 'passed', 'skipped']),
      module('failed', ['failed', 'passed', 'pending']),
    ];
    expect(countResults(modules, [])).toEqual({ passed: 3, failed: 1, skipped: 2 });
  });

  it('counts a file that failed outside its tests, and each unhandled error, as one failure', () => {
    const modules = [module('failed', []), module('passed', ['passed'])];
    expect(countResults(modules, [new Error('late rejection')])).toEqual({
      passed: 1,
      failed: 2,
      skipped: 0,
    });
  });
});

describe('the closing line', () => {
  it('reads N passed, N failed, N skipped', () => {
    expect(formatCounts({ passed: 1204, failed: 0, skipped: 3 })).toBe('1204 passed, 0 failed, 3 skipped');
  });
});
