import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCodes, FreshetError, type ListPartitionsContext } from '@freshet/core';
import { SAM_GOV_SOURCE_ID } from './defaults.js';
import type { SamGovOptions } from './types.js';
import { isUei, normalizeUei, UEI_RULE } from './uei.js';
import { parseUeiFile, type UeiEntry } from './uei-file.js';

type RecordKeysOf = ListPartitionsContext<SamGovOptions>['recordKeysOf'];

const PROBLEMS_SHOWN = 10;

/**
 * The configured UEIs: the file, the inline list and, when configured, UEIs in other sources'
 * records; deduplicated and sorted, so a batch number means the same UEIs while the list stays
 * the same. Any entry that is not a UEI fails the whole list, naming where it is. A relative
 * `ueiFile` is read from `rootDir` (the project root the engine passes), else the working directory.
 */
export async function resolveUeiList(
  options: SamGovOptions,
  recordKeysOf?: RecordKeysOf,
  rootDir?: string,
): Promise<string[]> {
  const entries: UeiEntry[] = [];
  const problems: string[] = [];

  if (options.ueiFile !== undefined) {
    const file = path.resolve(rootDir ?? process.cwd(), options.ueiFile);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new FreshetError(
        ErrorCodes.OPTIONS_INVALID,
        `option ueiFile: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
        { source: SAM_GOV_SOURCE_ID, cause: err },
      );
    }
    const contents = parseUeiFile(text, options.ueiFile);
    entries.push(...contents.entries);
    problems.push(...contents.problems);
  }

  for (const [i, uei] of (options.ueis ?? []).entries()) entries.push({ uei, where: `ueis[${i}]` });

  for (const from of options.ueisFromSources ?? []) {
    if (!recordKeysOf) {
      throw new FreshetError(
        ErrorCodes.INTERNAL,
        `option ueisFromSources names ${from.source}.${from.field}, but the engine offered no recordKeysOf to read other sources' records with`,
        { source: SAM_GOV_SOURCE_ID },
      );
    }
    for await (const value of recordKeysOf(from.source, from.field)) {
      const uei = normalizeUei(value);
      if (isUei(uei)) entries.push({ uei, where: `${from.source} records, field ${from.field}` });
      else
        problems.push(`${from.source} records, field ${from.field}: ${JSON.stringify(value)} is not a UEI`);
    }
  }

  if (problems.length > 0) {
    const shown = problems.slice(0, PROBLEMS_SHOWN).join('; ');
    const more = problems.length > PROBLEMS_SHOWN ? `; and ${problems.length - PROBLEMS_SHOWN} more` : '';
    throw new FreshetError(
      ErrorCodes.OPTIONS_INVALID,
      `the UEI list has ${problems.length} ${problems.length === 1 ? 'entry' : 'entries'} that cannot be used (a UEI is ${UEI_RULE}): ${shown}${more}. Fix or remove them`,
      { source: SAM_GOV_SOURCE_ID, details: { problems: problems.slice(0, 100) } },
    );
  }
  return [...new Set(entries.map((entry) => entry.uei))].sort();
}
