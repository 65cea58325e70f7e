import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorText } from '../errors.js';
import type { AnySource } from '../source.js';
import { describeValue } from './describe-value.js';
import type { ConfigIssue } from './issues.js';
import type { KeyPath } from './key-path.js';
import { sourceShapeProblems } from './source-shape.js';

export interface PluginRequest {
  /** A package name (`@acme/source-foo`) or a path relative to the config file (`./foo.mjs`). */
  use: string;
  options?: Record<string, unknown> | undefined;
  /** The entry's key path, `['sources', 2]`, for issues. */
  path: KeyPath;
  /** Absolute path of the config file; packages and paths resolve from its directory. */
  configFile: string;
}

export type PluginOutcome =
  | { source: AnySource; issue?: undefined }
  | { source?: undefined; issue: ConfigIssue };

const FACTORY_EXPORTS = ['default', 'source', 'createSource'] as const;

/** Imports a source plugin and calls its factory with the entry's options. */
export async function loadPluginSource(request: PluginRequest): Promise<PluginOutcome> {
  const { use, path: entryPath } = request;
  const usePath = [...entryPath, 'use'];
  const fail = (message: string, at: KeyPath = usePath): PluginOutcome => ({ issue: { path: at, message } });

  const location = locate(use, request.configFile);
  if ('problem' in location) return fail(location.problem);

  let module: Record<string, unknown>;
  try {
    module = await import(/* @vite-ignore */ location.url);
  } catch (err) {
    return fail(`${JSON.stringify(use)} failed to load: ${reasonText(err)}`);
  }

  const factory = FACTORY_EXPORTS.map((name) => module[name]).find((value) => typeof value === 'function');
  if (typeof factory !== 'function') {
    return fail(
      `${JSON.stringify(use)} exports no source factory; give it a default export (or an export named source or createSource) that takes options and returns a Source`,
    );
  }

  let made: unknown;
  try {
    made = await factory(request.options ?? {});
  } catch (err) {
    return fail(`were refused by ${JSON.stringify(use)}: ${reasonText(err)}`, [...entryPath, 'options']);
  }
  const missing = sourceShapeProblems(made);
  if (missing.length > 0) {
    return fail(
      `${JSON.stringify(use)}'s factory returned ${describeValue(made)}, not a Source; it lacks ${missing.join(', ')}`,
    );
  }
  return { source: made as AnySource };
}

function locate(use: string, configFile: string): { url: string } | { problem: string } {
  const configDir = path.dirname(configFile);
  if (isPathLike(use)) {
    const file = use.startsWith('file:') ? fileURLToPath(use) : path.resolve(configDir, use);
    if (!existsSync(file)) return { problem: `${JSON.stringify(use)} does not exist (looked for ${file})` };
    return { url: pathToFileURL(file).href };
  }
  try {
    return { url: pathToFileURL(createRequire(configFile).resolve(use)).href };
  } catch {
    return {
      problem: `${JSON.stringify(use)} cannot be found from ${configDir}; install it there (pnpm add ${use}) or fix the name`,
    };
  }
}

function isPathLike(use: string): boolean {
  return use.startsWith('.') || use.startsWith('file:') || path.isAbsolute(use);
}

/** The error as a user reads it, without Freshet's own name (the config error already says it). */
function reasonText(err: unknown): string {
  return errorText(err);
}
