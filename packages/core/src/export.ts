/**
 * Exports: a source's stored records as JSON Lines, CSV or Parquet files, streamed with flat
 * memory, with the payload fields a source declares (`Source['columns']`) as typed columns.
 * A subpath of its own, so the Parquet and CSV writers load only for those who export.
 */

export {
  type Cell,
  COLUMN_TYPES,
  type DeclaredCells,
  payloadColumnName,
  readDeclaredColumns,
} from './export/columns.js';
export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportRecordsOptions,
  type ExportRecordsResult,
  exportRecords,
  PROGRESS_EVERY,
} from './export/export-records.js';
export { type MismatchCounts, PAYLOAD_COLUMN, RECORD_COLUMNS } from './export/export-row.js';
export type { ColumnType, SourceColumns } from './source.js';
