import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ErrorCodes, FreshetError } from '@freshet/core';
import type { CommandContext } from './context.js';
import { printerFor } from './context.js';
import { displayPath } from './display-path.js';
import { ExitCodes } from './exit-codes.js';
import { reportError } from './handle.js';
import { newSourceFiles } from './new-source-files.js';
import { sourceNames } from './source-names.js';

export interface NewSourceFlags {
  /** Where the package goes; `./<name>` by default. */
  dir?: string;
  /** The npm name; `freshet-source-<name>` by default. */
  package?: string;
}

/**
 * `freshet new-source <name>`: a source plugin package (source, simulator, conformance test,
 * README) that passes its conformance suite as written, to be edited into a source for a real API.
 */
export async function newSourceCommand(
  ctx: CommandContext,
  name: string,
  flags: NewSourceFlags,
): Promise<number> {
  const print = printerFor(ctx);
  try {
    const names = sourceNames(name, flags.package);
    const dir = resolve(ctx.cwd, flags.dir ?? name);
    const shown = displayPath(ctx.cwd, dir);
    await refuseNonEmpty(dir, shown);
    const files = await newSourceFiles(names);
    for (const [path, text] of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      // `wx`: a file that appeared meanwhile is never overwritten.
      await writeFile(join(dir, path), text, { flag: 'wx' });
    }
    print.out(`Wrote ${names.packageName} in ${shown}/: source id ${names.id}, factory ${names.camel}().`);
    for (const path of files.keys()) print.out(`  ${path}`);
    print.out('');
    print.out('Next:');
    print.out(`  cd ${shown} && npm install && npm test    # the conformance suite, against the simulator`);
    print.out(
      '  (until @freshet/core and @freshet/testkit are on the registry, install their `pnpm pack` tarballs)',
    );
    print.out('  then make src/source.ts speak your API and src/testing.ts simulate it;');
    print.out('  the guide: https://github.com/freshet-dev/freshet/blob/main/docs/writing-a-source.md');
    return ExitCodes.OK;
  } catch (err) {
    return reportError(print, err);
  }
}

async function refuseNonEmpty(dir: string, shown: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR')
      throw new FreshetError(ErrorCodes.CONFIG_INVALID, `${shown} is a file; pass --dir <new folder>`);
    throw err;
  }
  if (entries.length > 0) {
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `${shown}/ already exists and is not empty; new-source writes only into a new or empty folder: pass --dir <new folder>`,
    );
  }
}
