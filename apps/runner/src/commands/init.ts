import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CONFIG_SEARCH_PLACES, ErrorCodes, FreshetError } from '@freshet/core';
import { COMPANION_API_KEY } from '@freshet/testkit';
import { DEFAULT_COMPANIONS } from '../simulators/companions.js';
import { type CommandContext, printerFor } from './context.js';
import { displayPath } from './display-path.js';
import { ExitCodes } from './exit-codes.js';
import { reportError } from './handle.js';
import { DEFAULT_SIM_PORT_BASE } from './operation-defaults.js';
import {
  STARTER_SOURCES,
  STARTER_UEI_FILE,
  type StarterSource,
  starterConfig,
  starterEnv,
  UEI_FILE,
} from './starter-config.js';

export interface InitFlags {
  /** Source ids, comma-separated (repeatable); all four first-party sources by default. */
  sources?: string[];
  /** Replace files that exist. */
  force?: boolean;
}

export const CONFIG_FILE = 'freshet.config.ts';

/**
 * `freshet init [dir]`: a starter `freshet.config.ts` for the chosen sources, a `.env` for their
 * keys, and `data/`. Refuses to replace a file unless --force.
 */
export async function initCommand(
  ctx: CommandContext,
  dir: string | undefined,
  flags: InitFlags,
): Promise<number> {
  const print = printerFor(ctx);
  try {
    const sources = chosenSources(flags.sources);
    const root = resolve(ctx.cwd, dir ?? '.');
    const shown = (path: string) => displayPath(ctx.cwd, join(root, path));
    const files = new Map<string, string>([
      [CONFIG_FILE, starterConfig(sources)],
      ['.env', starterEnv(sources, simPorts(), COMPANION_API_KEY)],
    ]);
    if (sources.includes('sam_gov') && !sources.includes('usaspending'))
      files.set(UEI_FILE, STARTER_UEI_FILE);

    const existing = [...files.keys()].filter((path) => existsSync(join(root, path)));
    if (existing.length > 0 && flags.force !== true) {
      throw new FreshetError(
        ErrorCodes.CONFIG_INVALID,
        `${existing.map(shown).join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}; init replaces nothing: move ${existing.length === 1 ? 'it' : 'them'} away, or pass --force to replace ${existing.length === 1 ? 'it' : 'them'}`,
      );
    }
    // Another configuration would be found before this one (config/ is searched first).
    const shadowing = CONFIG_SEARCH_PLACES.slice(0, CONFIG_SEARCH_PLACES.indexOf(CONFIG_FILE)).filter(
      (path) => existsSync(join(root, path)),
    );
    if (shadowing.length > 0 && flags.force !== true) {
      throw new FreshetError(
        ErrorCodes.CONFIG_INVALID,
        `${shadowing.map(shown).join(', ')} would be found before ${shown(CONFIG_FILE)}, so freshet would not use the new one; remove it, or pass --force and --config ${shown(CONFIG_FILE)}`,
      );
    }

    await mkdir(join(root, 'data'), { recursive: true });
    for (const [path, text] of files) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), text, { flag: flags.force === true ? 'w' : 'wx' });
    }
    print.out(
      `Wrote ${[...[...files.keys()].map(shown), `${shown('data')}/`].join(', ')} for ${sources.join(', ')}.`,
    );
    print.out('Next:');
    const needsKeys = sources.filter((s) => s === 'sam_gov' || s === 'patentsview');
    if (needsKeys.length > 0) print.out(`  put the keys of ${needsKeys.join(' and ')} in ${shown('.env')}`);
    const cd = root === resolve(ctx.cwd) ? '' : `cd ${displayPath(ctx.cwd, root)} && `;
    print.out(`  ${cd}freshet plan    # what a run would fetch, and why`);
    print.out(`  ${cd}freshet run`);
    print.out(
      `Offline first: run \`freshet sim\` there and uncomment the *_BASE_URL lines in ${shown('.env')}.`,
    );
    return ExitCodes.OK;
  } catch (err) {
    return reportError(print, err);
  }
}

/** `--sources nih,usaspending` (repeatable) checked against the first-party sources; all of them by default. */
export function chosenSources(given: readonly string[] | undefined): StarterSource[] {
  const names = (given ?? [])
    .flatMap((value) => value.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) return [...STARTER_SOURCES];
  const known = new Set<string>(STARTER_SOURCES);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const hints = unknown.map((name) => {
      const near = name.toLowerCase().replaceAll('-', '_').replaceAll('.', '_');
      return known.has(near) ? `${JSON.stringify(name)} (did you mean ${near}?)` : JSON.stringify(name);
    });
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `--sources names ${hints.join(', ')}, which init does not know; it configures ${STARTER_SOURCES.join(', ')} (add another source to the written config by hand: docs/writing-a-source.md)`,
    );
  }
  return STARTER_SOURCES.filter((s) => names.includes(s));
}

/** `freshet sim`'s default ports, as the `.env` template's simulator lines name them. */
function simPorts() {
  return {
    base: DEFAULT_SIM_PORT_BASE,
    slots: Object.fromEntries(DEFAULT_COMPANIONS.map((c, i) => [c.companion.sourceId, c.slot ?? i])),
  };
}
