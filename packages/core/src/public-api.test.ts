import { describe, expect, it } from 'vitest';
import { checkApiReport } from '../../../tooling/api-report/api-report.js';

// The published surface is small on purpose: adding or removing an export has to show
// up as a diff in the committed report, not slip out in a release.
describe('@freshet/core public API', () => {
  it('entry "." matches the committed report', async () => {
    const { actual, expected, message } = checkApiReport(
      new URL('./index.ts', import.meta.url),
      await import('./index.js'),
      new URL('./public-api.snap.txt', import.meta.url),
    );
    expect(actual, message).toBe(expected);
  });

  it('entry "./sqlite" matches the committed report', async () => {
    const { actual, expected, message } = checkApiReport(
      new URL('./sqlite.ts', import.meta.url),
      await import('./sqlite.js'),
      new URL('./sqlite.public-api.snap.txt', import.meta.url),
    );
    expect(actual, message).toBe(expected);
  });
});
