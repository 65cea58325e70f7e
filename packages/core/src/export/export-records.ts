import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ErrorCodes, FreshetError } from '../errors.js';
import { readRecords } from '../library/read-records.js';
import type { SourceColumns } from '../source.js';
import type { Store } from '../store/types.js';
import { writeThroughTemp } from './atomic-output.js';
import { type PayloadColumn, payloadColumns } from './columns.js';
import { writeCsv } from './csv-format.js';
import { type ExportRow, type MismatchCounts, toExportRow } from './export-row.js';
import { writeJsonl } from './jsonl-format.js';
import { writeParquet } from './parquet-format.js';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRecordsOptions {
  /** The source whose records are exported (`nih`). */
  source: string;
  /** Only these partitions (`nih:project_week_2025-W12`), each of `source`; all when unset or empty. */
  partitions?: readonly string[];
  /** Only records inserted or changed at or after this time, or since this run started. */
  changedSince?: Date | { runId: string };
  /** The source's declared payload columns (`Source['columns']`), flattened in CSV and Parquet. */
  columns?: SourceColumns;
  format: ExportFormat;
  /** The file to write; replaced whole, and only once the export has finished. */
  out: string;
  /** Called with the number of records exported so far, every few thousand records and at the end. */
  onProgress?(exported: number): void;
  /** Stops the export; the file at `out` is left as it was. */
  signal?: AbortSignal;
}

export interface ExportRecordsResult {
  format: ExportFormat;
  out: string;
  records: number;
  bytes: number;
  /** Declared columns whose value did not fit the type, per column: written as null, kept in `payload`. */
  mismatches: MismatchCounts;
}

/** How often `onProgress` is called, in records. */
export const PROGRESS_EVERY = 5_000;

const WRITERS: Record<
  ExportFormat,
  (path: string, rows: AsyncIterable<ExportRow>, columns: readonly PayloadColumn[]) => Promise<void>
> = { jsonl: writeJsonl, csv: writeCsv, parquet: writeParquet };

/**
 * Writes a source's stored records to a JSON Lines, CSV or Parquet file, streaming them from
 * the store a page at a time so memory stays flat for any number of records. Each row holds
 * the record's source, partition, key, revision, first-seen and updated times, the declared
 * payload columns (CSV, Parquet) and the whole payload as JSON.
 */
export async function exportRecords(
  store: Pick<Store, 'listRecords' | 'getRun'>,
  options: ExportRecordsOptions,
): Promise<ExportRecordsResult> {
  const { source, format, out } = options;
  const write = WRITERS[format];
  if (write === undefined) {
    throw invalid(
      `format ${JSON.stringify(format)} is not one Freshet writes; use ${EXPORT_FORMATS.join(', ')}`,
    );
  }
  if (typeof source !== 'string' || source.length === 0) throw invalid('name the source to export, e.g. nih');
  const columns = payloadColumns(source, options.columns);
  await checkOut(out);

  const mismatches: MismatchCounts = {};
  let records = 0;
  const rows = async function* (): AsyncGenerator<ExportRow> {
    for (const query of queries(options)) {
      for await (const record of readRecords(store, query)) {
        options.signal?.throwIfAborted();
        yield toExportRow(record, columns, mismatches);
        records += 1;
        if (records % PROGRESS_EVERY === 0) options.onProgress?.(records);
      }
    }
  };
  await writeThroughTemp(out, (temp) => write(temp, rows(), columns));
  options.onProgress?.(records);
  return { format, out, records, bytes: (await stat(out)).size, mismatches };
}

/** One query per partition asked for (each its own run of keys), or one for the whole source. */
function queries(options: ExportRecordsOptions) {
  const base = {
    source: options.source,
    ...(options.changedSince === undefined ? {} : { changedSince: options.changedSince }),
  };
  const partitions = [...new Set(options.partitions ?? [])];
  return partitions.length === 0 ? [base] : partitions.map((partition) => ({ ...base, partition }));
}

async function checkOut(out: string): Promise<void> {
  if (typeof out !== 'string' || out.length === 0) throw invalid('name the file to write (out)');
  const [target, dir] = await Promise.all([statOrNull(out), statOrNull(dirname(out))]);
  if (target?.isDirectory())
    throw invalid(`${out} is a directory; name a file in it, e.g. ${out}/records.jsonl`);
  if (dir === null || !dir.isDirectory()) {
    throw invalid(`the directory of ${out} does not exist; create ${dirname(out)} first`);
  }
}

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

function invalid(message: string): FreshetError {
  return new FreshetError(ErrorCodes.CONFIG_INVALID, `export: ${message}`);
}
