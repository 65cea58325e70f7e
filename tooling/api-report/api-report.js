// Plain JS with a sibling .d.ts so package tests under `src/` can import it without the file
// falling outside their tsconfig's `rootDir` (declaration files are exempt from that check).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const UPDATE_ENV = 'UPDATE_API_REPORT';

/** Names the compiler sees exported from `entryFile`, types included. */
function compilerExports(entryFile) {
  const program = ts.createProgram([entryFile], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(entryFile);
  const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
  if (!moduleSymbol) throw new Error(`api-report: ${entryFile} is not a module`);
  return checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.getName());
}

/**
 * The entry's surface, one `value <name>` or `type <name>` per line. Values come from the
 * loaded module (what really ships at runtime); anything else the compiler sees is a type.
 */
export function apiReport(entryFile, loadedModule) {
  const values = new Set(Object.keys(loadedModule));
  const types = compilerExports(entryFile).filter((name) => !values.has(name));
  const lines = [...[...values].map((name) => `value ${name}`), ...types.map((name) => `type ${name}`)];
  const byName = (a, b) => a.slice(a.indexOf(' ') + 1).localeCompare(b.slice(b.indexOf(' ') + 1), 'en');
  return `${lines.sort(byName).join('\n')}\n`;
}

/**
 * Compares the entry's surface with the committed report beside it. With UPDATE_API_REPORT=1
 * the report is rewritten instead, so a surface change is always a reviewed diff.
 */
export function checkApiReport(entryUrl, loadedModule, reportUrl) {
  const entryFile = fileURLToPath(entryUrl);
  const reportFile = fileURLToPath(reportUrl);
  const actual = apiReport(entryFile, loadedModule);
  if (process.env[UPDATE_ENV] === '1') {
    writeFileSync(reportFile, actual);
    return { actual, expected: actual, message: '' };
  }
  const expected = existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '';
  const message =
    `The public API of ${entryFile} differs from ${reportFile}. If the change is deliberate, ` +
    `run the test with ${UPDATE_ENV}=1 and commit the updated report.`;
  return { actual, expected, message };
}

/**
 * One test per entry point of a package: `describeApiReport('@freshet/core', [{ entry, load,
 * report }])`, where `entry` and `report` are URLs beside the test and `load` imports the entry.
 */
export function describeApiReport(packageName, entries) {
  // The published surface is small on purpose: adding or removing an export has to show up as a
  // diff in the committed report, not slip out in a release.
  describe(`${packageName} public API`, () => {
    for (const { name, entry, load, report } of entries) {
      it(`entry "${name}" matches the committed report`, async () => {
        const { actual, expected, message } = checkApiReport(entry, await load(), report);
        expect(actual, message).toBe(expected);
      });
    }
  });
}
