// Reaching the runner's side of the workspace from bench/. bench/ depends on @freshet/core alone;
// the simulators, the sources and the runner are resolved as the runner's own dependencies, so the
// benchmarks need no install step of their own (`pnpm bench` builds the runner first).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const runnerPackage = fileURLToPath(new URL('../apps/runner/package.json', import.meta.url));
const requireFromRunner = createRequire(runnerPackage);

/** The built `freshet` binary: `node apps/runner/dist/cli.js`. */
export const CLI_PATH = fileURLToPath(new URL('../apps/runner/dist/cli.js', import.meta.url));
const RUNNER_INDEX = new URL('../apps/runner/dist/index.js', import.meta.url);

function assertBuilt(path) {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing; build first: pnpm turbo run build --filter=@freshet/runner...`);
  }
}

/** Imports a package the runner depends on (`@freshet/testkit`, `@freshet/source-nih`, …). */
export async function importFromRunner(name) {
  const path = requireFromRunner.resolve(name);
  assertBuilt(path);
  return import(pathToFileURL(path).href);
}

/** The runner as a library (`plan`, `createEngineSources`, …). */
export async function importRunner() {
  assertBuilt(fileURLToPath(RUNNER_INDEX));
  return import(RUNNER_INDEX.href);
}

export function assertCliBuilt() {
  assertBuilt(CLI_PATH);
}
