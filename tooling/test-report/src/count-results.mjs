/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {{ state(): string, children: { allTests(): Iterable<{ result(): { state: string } }> } }} ModuleLike
 */

/**
 * One vitest run's counts. A test file that failed outside its tests (an import that throws, a
 * failing hook) and an unhandled error each count as one failure, so `failed` is never 0 when
 * vitest fails the run.
 * @param {ReadonlyArray<ModuleLike>} testModules
 * @param {ReadonlyArray<unknown>} unhandledErrors
 * @returns {Counts}
 */
export function countResults(testModules, unhandledErrors) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const module of testModules) {
    let failedTests = 0;
    for (const test of module.children.allTests()) {
      const { state } = test.result();
      if (state === 'passed') counts.passed += 1;
      else if (state === 'failed') failedTests += 1;
      else counts.skipped += 1;
    }
    counts.failed += failedTests;
    if (failedTests === 0 && module.state() === 'failed') counts.failed += 1;
  }
  counts.failed += unhandledErrors.length;
  return counts;
}

/**
 * The closing line of `pnpm test`, in the plain form CI tools read.
 * @param {Counts} counts
 */
export function formatCounts({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}
