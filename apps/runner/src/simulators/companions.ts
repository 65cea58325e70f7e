import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, FreshetError } from '@freshet/core';
import { companions as firstPartyCompanions, type SourceCompanion } from '@freshet/testkit';

/** A companion and the module it came from (null: the runner's default), to resolve its source from. */
export interface LoadedCompanion {
  companion: SourceCompanion;
  from: string | null;
  /**
   * Its place among the simulators: `freshet sim --port-base n` serves it on n + slot. The
   * first-party sources keep theirs (their order in `@freshet/testkit`'s `companions`) whichever
   * are served; unset, its index in the list.
   */
  slot?: number;
}

/** What `freshet sim` and the sandbox simulate without a configuration: the first-party sources. */
export const DEFAULT_COMPANIONS: readonly LoadedCompanion[] = firstPartyCompanions.map((companion, slot) => ({
  companion,
  from: null,
  slot,
}));

/**
 * The default companions with those of `specifiers` (`--companion`): a package, or a path from
 * `cwd`. A companion for a source id already there replaces it in place; a new one comes last,
 * so the default ports never move.
 */
export async function withCompanions(specifiers: readonly string[], cwd: string): Promise<LoadedCompanion[]> {
  return withDefaults(await loadCompanionModules(specifiers, cwd));
}

/** The default companions, each replaced by one of `explicit` for its source, then the rest of those. */
export function withDefaults(explicit: readonly LoadedCompanion[]): LoadedCompanion[] {
  return placeCompanions(
    DEFAULT_COMPANIONS.map((d) => explicit.find((e) => sameSource(e, d)) ?? d),
    explicit,
  );
}

/** The companions of `specifiers`, one per source id: a later module's replaces an earlier one's. */
export async function loadCompanionModules(
  specifiers: readonly string[],
  cwd: string,
): Promise<LoadedCompanion[]> {
  const list: LoadedCompanion[] = [];
  for (const specifier of specifiers) {
    for (const loaded of await loadCompanionModule(specifier, cwd)) {
      const at = list.findIndex((c) => sameSource(c, loaded));
      if (at >= 0) list[at] = loaded;
      else list.push(loaded);
    }
  }
  return list;
}

/**
 * `companions` with those of `extra` whose source is not among them after them, each given its
 * slot: a first-party source's own, the others after the first-party ones in this order.
 * Sorted by slot, so the list is in port order.
 */
export function placeCompanions(
  companions: readonly LoadedCompanion[],
  extra: readonly LoadedCompanion[] = [],
): LoadedCompanion[] {
  const all = [...companions];
  for (const loaded of extra) if (!all.some((c) => sameSource(c, loaded))) all.push(loaded);
  let next = DEFAULT_COMPANIONS.length;
  return all
    .map((loaded) => {
      const at = DEFAULT_COMPANIONS.findIndex((d) => sameSource(d, loaded));
      return { ...loaded, slot: at >= 0 ? at : next++ };
    })
    .sort((a, b) => a.slot - b.slot);
}

/** The port offset after the last simulator's: where `freshet sim` serves its counts. */
export function nextSlot(companions: readonly LoadedCompanion[]): number {
  return Math.max(-1, ...companions.map((c, index) => c.slot ?? index)) + 1;
}

const sameSource = (a: LoadedCompanion, b: LoadedCompanion) => a.companion.sourceId === b.companion.sourceId;

/** A module's companions: its default export, or its `companion` or `companions` export (one or a list). */
export async function loadCompanionModule(specifier: string, cwd: string): Promise<LoadedCompanion[]> {
  return importCompanions(locate(specifier, cwd), specifier);
}

/** The companions the module at `url` exports; `label` names it in errors. */
export async function importCompanions(url: string, label: string): Promise<LoadedCompanion[]> {
  let module: Record<string, unknown>;
  try {
    module = await import(/* @vite-ignore */ url);
  } catch (err) {
    throw invalid(`companion ${JSON.stringify(label)} failed to load: ${(err as Error).message}`, err);
  }
  const exported = module.default ?? module.companion ?? module.companions;
  const list = Array.isArray(exported) ? exported : [exported];
  return list.map((value) => {
    const problem = companionProblem(value);
    if (problem) throw invalid(`companion ${JSON.stringify(label)} ${problem}`);
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
