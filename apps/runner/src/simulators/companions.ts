import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, FreshetError } from '@freshet/core';
import { companions as firstPartyCompanions, type SourceCompanion } from '@freshet/testkit';

/** A companion and the module it came from (null: the runner's default), to resolve its source from. */
export interface LoadedCompanion {
  companion: SourceCompanion;
  from: string | null;
}

/** What `freshet sim` and the sandbox simulate unless told otherwise: the first-party sources. */
export const DEFAULT_COMPANIONS: readonly LoadedCompanion[] = firstPartyCompanions.map((companion) => ({
  companion,
  from: null,
}));

/**
 * The default companions with those of `specifiers` (`--companion`): a package, or a path from
 * `cwd`. A companion for a source id already there replaces it in place; a new one comes last,
 * so the default ports never move.
 */
export async function withCompanions(specifiers: readonly string[], cwd: string): Promise<LoadedCompanion[]> {
  const list = [...DEFAULT_COMPANIONS];
  for (const specifier of specifiers) {
    for (const loaded of await loadCompanionModule(specifier, cwd)) {
      const at = list.findIndex((c) => c.companion.sourceId === loaded.companion.sourceId);
      if (at >= 0) list[at] = loaded;
      else list.push(loaded);
    }
  }
  return list;
}

/** A module's companions: its default export, or its `companion` or `companions` export (one or a list). */
export async function loadCompanionModule(specifier: string, cwd: string): Promise<LoadedCompanion[]> {
  const url = locate(specifier, cwd);
  let module: Record<string, unknown>;
  try {
    module = await import(/* @vite-ignore */ url);
  } catch (err) {
    throw invalid(`companion ${JSON.stringify(specifier)} failed to load: ${(err as Error).message}`, err);
  }
  const exported = module.default ?? module.companion ?? module.companions;
  const list = Array.isArray(exported) ? exported : [exported];
  return list.map((value) => {
    const problem = companionProblem(value);
    if (problem) throw invalid(`companion ${JSON.stringify(specifier)} ${problem}`);
    return { companion: value as SourceCompanion, from: url };
  });
}

function locate(specifier: string, cwd: string): string {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return pathToFileURL(resolve(cwd, specifier)).href;
  try {
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(specifier)).href;
  } catch {
    // Not installed where freshet runs: the runner's own dependencies (@freshet/testkit).
    return specifier;
  }
}

function companionProblem(value: unknown): string | null {
  const c = value as Partial<SourceCompanion> | null;
  if (typeof c !== 'object' || c === null)
    return 'exports no companion (a default export made by defineCompanion)';
  const missing = [
    typeof c.sourceId === 'string' ? null : 'sourceId',
    typeof c.source?.package === 'string' && typeof c.source.factory === 'string'
      ? null
      : 'source.package/factory',
    typeof c.sim?.start === 'function' && typeof c.sim.options === 'function' ? null : 'sim.start/options',
    typeof c.sim?.describe === 'function' ? null : 'sim.describe',
    typeof c.sandbox?.start === 'function' && typeof c.sandbox.options === 'function'
      ? null
      : 'sandbox.start/options',
  ].filter((m) => m !== null);
  return missing.length === 0 ? null : `is not a companion; it lacks ${missing.join(', ')}`;
}

const invalid = (message: string, cause?: unknown) =>
  new FreshetError(ErrorCodes.CONFIG_INVALID, message, cause === undefined ? {} : { cause });
