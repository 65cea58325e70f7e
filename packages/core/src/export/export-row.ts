import type { StoredRecord } from '../store/types.js';
import { type Cell, MISMATCH, type PayloadColumn, toCell, valueAt } from './columns.js';

/** The columns every export has, in order, before the declared payload columns and `payload`. */
export const RECORD_COLUMNS = [
  'source',
  'partition',
  'key',
  'revision',
  'first_seen_at',
  'updated_at',
] as const;

/** The whole payload, as JSON: always the last column, so no field is lost. */
export const PAYLOAD_COLUMN = 'payload';

/** One record on its way to a file: the record and its declared columns' cells, in order. */
export interface ExportRow {
  record: StoredRecord;
  cells: Cell[];
}

/** Cells that did not fit their declared type, per column name (written as null). */
export type MismatchCounts = Record<string, number>;

/**
 * Reads the declared columns out of each record's payload. A value that does not fit its type
 * becomes null and is counted: one odd value must not fail an export of a million records, and
 * the payload column keeps it as the API sent it.
 */
export function toExportRow(
  record: StoredRecord,
  columns: readonly PayloadColumn[],
  mismatches: MismatchCounts,
): ExportRow {
  const cells: Cell[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as PayloadColumn;
    const cell = toCell(valueAt(record.payload, column.steps), column.type);
    if (cell === MISMATCH) {
      mismatches[column.name] = (mismatches[column.name] ?? 0) + 1;
      cells[i] = null;
    } else {
      cells[i] = cell;
    }
  }
  return { record, cells };
}

/** `2025-03-17`: how a `date` cell reads in text formats. */
export function dateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}
