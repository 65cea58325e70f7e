import { resolve } from 'node:path';
import { ErrorCodes, FreshetError, type ResolvedConfig } from '@freshet/core';
import { type ExportFormat, type ExportRecordsResult, exportRecords } from '@freshet/core/export';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { createExportProgress } from './export-progress.js';
import { parseChangedSince } from './export-since.js';
import { formatMs } from './format.js';
import { withProject } from './handle.js';
import type { Printer } from './io.js';

export interface ExportFlags {
  source: string;
  partition?: string[];
  changedSince?: string;
  format: ExportFormat;
  out: string;
  json?: boolean;
}

/** `freshet export`: a source's stored records to a JSON Lines, CSV or Parquet file. */
export function exportCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: ExportFlags,
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async (project) => {
      const { print } = project;
      const changedSince =
        flags.changedSince === undefined ? undefined : parseChangedSince(flags.changedSince);
      const out = resolve(ctx.cwd, flags.out);
      const progress = createExportProgress(print);
      const started = Date.now();
      let result: ExportRecordsResult;
      try {
        result = await exportRecords(project.store, {
          source: flags.source,
          columns: columnsOf(project.config, flags.source),
          format: flags.format,
          out,
          ...(flags.partition?.length ? { partitions: flags.partition } : {}),
          ...(changedSince === undefined ? {} : { changedSince }),
          ...(ctx.signals ? { signal: ctx.signals.stop } : {}),
          onProgress: (exported) => progress.update(exported),
        });
      } catch (err) {
        // Interrupted, as a run is: exit 1, and say that nothing at --out changed.
        if (ctx.signals?.stop.aborted !== true) throw err;
        print.err(`export stopped; ${flags.out} is left as it was`);
        return ExitCodes.PARTITIONS_FAILED;
      } finally {
        progress.stop();
      }
      printMismatches(print, result.mismatches);
      if (flags.json) {
        print.json({ ...result, durationMs: Date.now() - started });
        return ExitCodes.OK;
      }
      print.out(
        `exported ${result.records.toLocaleString('en-US')} ${flags.source} records to ${flags.out} (${result.format}, ${formatBytes(result.bytes)}) in ${formatMs(Date.now() - started)}`,
      );
      return ExitCodes.OK;
    },
    'existing',
  );
}

/** The configured source's declared columns; a source the configuration lacks is refused (a typo would export nothing). */
function columnsOf(config: ResolvedConfig, sourceId: string) {
  const entry = config.sources.find((s) => s.source.id === sourceId);
  if (entry === undefined) {
    const ids = config.sources.map((s) => s.source.id).join(', ') || 'none';
    throw new FreshetError(
      ErrorCodes.CONFIG_INVALID,
      `--source ${JSON.stringify(sourceId)} is not a configured source (configured: ${ids}); name one of them`,
    );
  }
  return entry.source.columns;
}

function printMismatches(print: Printer, mismatches: Record<string, number>): void {
  for (const [column, count] of Object.entries(mismatches)) {
    print.err(
      `warning: ${count.toLocaleString('en-US')} value${count === 1 ? '' : 's'} of ${column} did not fit its declared type and ${count === 1 ? 'was' : 'were'} written as null; the payload column keeps ${count === 1 ? 'it' : 'them'}`,
    );
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
