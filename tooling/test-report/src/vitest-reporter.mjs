// A vitest reporter that only records counts; the root test run adds it beside the default one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countResults } from './count-results.mjs';
import { writeReport } from './report-files.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export default class CountsReporter {
  packageName = 'unknown';

  /** @param {{ config: { root: string } }} vitest */
  onInit(vitest) {
    const manifest = JSON.parse(readFileSync(join(vitest.config.root, 'package.json'), 'utf8'));
    this.packageName = manifest.name;
  }

  /**
   * @param {ReadonlyArray<import('./count-results.mjs').ModuleLike>} testModules
   * @param {ReadonlyArray<unknown>} unhandledErrors
   */
  onTestRunEnd(testModules, unhandledErrors) {
    const counts = countResults(testModules, unhandledErrors);
    // turbo sets TURBO_HASH for each task; without turbo the package name keys the file.
    writeReport(root, process.env.TURBO_HASH ?? this.packageName, { package: this.packageName, ...counts });
  }
}
