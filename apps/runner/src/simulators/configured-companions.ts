import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_SEARCH_PLACES, ErrorCodes, errorText, FreshetError, loadConfig } from '@freshet/core';
import type { CommandContext, GlobalOptions } from '../commands/context.js';
import { displayPath } from '../commands/display-path.js';
import type { Printer } from '../commands/io.js';
import {
  DEFAULT_COMPANIONS,
  importCompanions,
  type LoadedCompanion,
  loadCompanionModules,
  placeCompanions,
  withDefaults,
} from './companions.js';

/** The sources a configuration lists, by id, and the file it came from (null: handed in by a test). */
export interface ConfiguredSources {
  sourceIds: string[];
  configFile: string | null;
}

/** The companions `freshet sim` or the sandbox works with, and a line on where the list came from. */
export interface CompanionSelection {
  companions: LoadedCompanion[];
  origin: string;
}

/**
 * The companions of the sources configured (the configuration found as every command finds it:
 * `--config`, else `config/freshet.config.*`, then `freshet.config.*`), with those of
 * `--companion`; with no configuration to find, the first-party sources'.
 */
export async function selectCompanions(
  ctx: CommandContext,
  globals: GlobalOptions,
  print: Printer,
  specifiers: readonly string[],
): Promise<CompanionSelection> {
  const configured = await configuredSources(ctx, globals, print);
  const companions = await companionsFor(configured, specifiers, ctx.cwd);
  const given = specifiers.length === 0 ? '' : ', with --companion';
  const origin =
    configured === null
      ? `the first-party sources (no configuration found)${given}`
      : `the sources of ${configured.configFile === null ? 'the configuration' : displayPath(ctx.cwd, configured.configFile)}${given}`;
  return { companions, origin };
}

/** The configuration's sources; null when none is given and none is found to load. */
export async function configuredSources(
  ctx: CommandContext,
  globals: GlobalOptions,
  print: Printer,
): Promise<ConfiguredSources | null> {
  if (ctx.config !== undefined) {
    return { sourceIds: ctx.config.sources.map((s) => s.source.id), configFile: null };
  }
  if (
    globals.config === undefined &&
    !CONFIG_SEARCH_PLACES.some((place) => existsSync(join(ctx.cwd, place)))
  ) {
    return null;
  }
  ctx.beforeConfigLoad?.();
  const { config, filepath } = await loadConfig({
    cwd: ctx.cwd,
    env: ctx.env,
    ...(globals.config === undefined ? {} : { configPath: globals.config }),
  });
  print.addSecrets(config.sources.flatMap((s) => s.source.secrets ?? []));
  return { sourceIds: config.sources.map((s) => s.source.id), configFile: filepath };
}

/**
 * A companion per configured source, enabled or not (a simulator needs no real key), first
 * found of: a `--companion` module's; one a package the configuration names (`use`, or an
 * import of a code config) exports from `<package>/testing`; the first-party one of the same id.
 * Then the `--companion` ones for sources not configured. A configured source without one is an
 * error naming where it was looked for. A first-party source whose package a code configuration
 * imports counts as configured. Without a configuration: the first-party companions, with
 * `--companion`'s replacing or joining them.
 */
export async function companionsFor(
  configured: ConfiguredSources | null,
  specifiers: readonly string[],
  cwd: string,
): Promise<LoadedCompanion[]> {
  const explicit = await loadCompanionModules(specifiers, cwd);
  const bySource = (list: readonly LoadedCompanion[], id: string) =>
    list.find((c) => c.companion.sourceId === id);
  if (configured === null) return withDefaults(explicit);
  const packages =
    configured.configFile === null
      ? { found: [], looked: [] }
      : await packageCompanions(configured.configFile);
  const chosen: LoadedCompanion[] = [];
  const missing: string[] = [];
  // A first-party source the configuration imports but leaves out (SAM.gov without a real key,
  // which a simulator does not need) is simulated too.
  const imported = configured.configFile === null ? [] : await firstPartyImported(configured.configFile);
  for (const id of new Set([...configured.sourceIds, ...imported])) {
    const loaded = bySource(explicit, id) ?? bySource(packages.found, id) ?? bySource(DEFAULT_COMPANIONS, id);
    if (loaded === undefined) missing.push(id);
    else chosen.push(loaded);
  }
  if (missing.length > 0) {
    throw noCompanion(missing, configured.configFile, packages.looked, explicit, specifiers, cwd);
  }
  return placeCompanions(chosen, explicit);
}

/** A `<package>/testing` looked at: the companions it gave, or why it gave none. */
interface Looked {
  specifier: string;
  sourceIds: string[];
  problem: string | null;
}

/**
 * The companions published at `<package>/testing` by the packages the configuration names,
 * resolved from its directory as its plugins are. Freshet's own packages are left out: the
 * first-party companions come with the runner.
 */
async function packageCompanions(
  configFile: string,
): Promise<{ found: LoadedCompanion[]; looked: Looked[] }> {
  const found: LoadedCompanion[] = [];
  const looked: Looked[] = [];
  const require = createRequire(configFile);
  for (const name of packagesNamedIn(await readFile(configFile, 'utf8'))) {
    const specifier = `${name}/testing`;
    let path: string;
    try {
      path = require.resolve(specifier);
    } catch (err) {
      looked.push({ specifier, sourceIds: [], problem: unresolved(err, name, dirname(configFile)) });
      continue;
    }
    try {
      const list = await importCompanions(pathToFileURL(path).href, specifier);
      found.push(...list);
      looked.push({ specifier, sourceIds: list.map((c) => c.companion.sourceId), problem: null });
    } catch (err) {
      looked.push({ specifier, sourceIds: [], problem: errorText(err) });
    }
  }
  return { found, looked };
}

// `use: 'pkg'` (JSON, YAML, code), and the imports of a code config: `from 'pkg'`, `import('pkg')`.
const NAMED = [
  /\bfrom\s*(['"])([^'"\n]+)\1/g,
  /\bimport\s*\(?\s*(['"])([^'"\n]+)\1/g,
  /\brequire\s*\(\s*(['"])([^'"\n]+)\1/g,
  /(?:^|[\s{,])['"]?use['"]?\s*:\s*(['"]?)([^'"\s,}#]+)\1/gm,
];

/** The packages a configuration file names, in order, without Node's built-ins and Freshet's own. */
/** The first-party sources whose package the configuration file names (imports). */
async function firstPartyImported(configFile: string): Promise<string[]> {
  const text = await readFile(configFile, 'utf8');
  return DEFAULT_COMPANIONS.filter(({ companion }) =>
    [`'${companion.source.package}'`, `"${companion.source.package}"`].some((quoted) =>
      text.includes(quoted),
    ),
  ).map(({ companion }) => companion.sourceId);
}

export function packagesNamedIn(text: string): string[] {
  const hits: Array<{ at: number; name: string }> = [];
  for (const pattern of NAMED) {
    for (const match of text.matchAll(pattern)) {
      const name = packageName(match[2]!);
      if (name !== null) hits.push({ at: match.index ?? 0, name });
    }
  }
  return [...new Set(hits.sort((a, b) => a.at - b.at).map((h) => h.name))];
}

function packageName(specifier: string): string | null {
  if (/^(\.|\/|[a-z]+:)/i.test(specifier)) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (name.startsWith('@freshet/') || builtinModules.includes(name)) return null;
  return /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name) ? name : null;
}

function unresolved(err: unknown, name: string, from: string): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return `${name} exports no "./testing"`;
  return `not found from ${from}`;
}

function noCompanion(
  missing: readonly string[],
  configFile: string | null,
  looked: readonly Looked[],
  explicit: readonly LoadedCompanion[],
  specifiers: readonly string[],
  cwd: string,
): FreshetError {
  const sources = missing.map((id) => `"${id}"`).join(', ');
  const file = configFile === null ? 'the configuration' : displayPath(cwd, configFile);
  const gave = (ids: readonly string[]) =>
    ids.length === 0 ? 'no companion' : `companions for ${ids.join(', ')} only`;
  const lines = [
    `no simulator companion for ${missing.length === 1 ? 'source' : 'sources'} ${sources} of ${file}; freshet sim and the sandbox simulate a source only through its companion. Looked in:`,
    ...looked.map((l) => `  ${l.specifier}: ${l.problem ?? gave(l.sourceIds)}`),
    ...(looked.length === 0
      ? [
          '  no package: the configuration names none outside @freshet/ (a source given by path has no ./testing to look in)',
        ]
      : []),
    `  the first-party companions (@freshet/testkit): ${gave(DEFAULT_COMPANIONS.map((c) => c.companion.sourceId))}`,
    `  --companion: ${specifiers.length === 0 ? 'none given' : `${specifiers.join(', ')}: ${gave(explicit.map((c) => c.companion.sourceId))}`}`,
  ];
  const candidates = looked.filter((l) => l.sourceIds.length === 0);
  const where = candidates.length === 1 ? candidates[0]!.specifier : "<the source's package>/testing";
  lines.push(
    `Fix: publish ${where} exporting a companion made by defineCompanion from @freshet/testkit (as its companion, companions or default export; see freshet-source-sbir/testing), or pass --companion <module> naming one.`,
  );
  return new FreshetError(ErrorCodes.CONFIG_INVALID, lines.join('\n'));
}
