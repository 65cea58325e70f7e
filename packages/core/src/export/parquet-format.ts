import { type ColumnSource, fileWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ColumnType } from '../source.js';
import type { PayloadColumn } from './columns.js';
import { type ExportRow, PAYLOAD_COLUMN, RECORD_COLUMNS } from './export-row.js';

/**
 * A row group ends at this many rows, or sooner once its payloads reach ROW_GROUP_MAX_BYTES:
 * a row group is held in memory until written, so both bound the memory an export needs.
 */
export const ROW_GROUP_MAX_ROWS = 10_000;
export const ROW_GROUP_MAX_BYTES = 8 * 1024 * 1024;

const REQUIRED = 'REQUIRED' as const;
const OPTIONAL = 'OPTIONAL' as const;

const TYPED: Record<ColumnType, Omit<SchemaElement, 'name'>> = {
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  integer: { type: 'INT64' },
  number: { type: 'DOUBLE' },
  boolean: { type: 'BOOLEAN' },
  date: { type: 'INT32', converted_type: 'DATE' },
  timestamp: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' },
};

/** The file's schema: the record's columns, the declared payload columns (nullable), the payload as JSON. */
export function parquetSchema(columns: readonly PayloadColumn[]): SchemaElement[] {
  const text = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: REQUIRED } as const;
  const time = { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: REQUIRED } as const;
  const fixed: SchemaElement[] = [
    { name: RECORD_COLUMNS[0], ...text },
    { name: RECORD_COLUMNS[1], ...text },
    { name: RECORD_COLUMNS[2], ...text },
    { name: RECORD_COLUMNS[3], type: 'INT32', repetition_type: REQUIRED },
    { name: RECORD_COLUMNS[4], ...time },
    { name: RECORD_COLUMNS[5], ...time },
  ];
  const declared = columns.map((column) => ({
    name: column.name,
    ...TYPED[column.type],
    repetition_type: OPTIONAL,
  }));
  const payload: SchemaElement = {
    name: PAYLOAD_COLUMN,
    type: 'BYTE_ARRAY',
    converted_type: 'JSON',
    repetition_type: REQUIRED,
  };
  const children = [...fixed, ...declared, payload];
  return [{ name: 'root', num_children: children.length }, ...children];
}

/**
 * Parquet (hyparquet-writer), one row group at a time: rows are gathered into columns until a
 * row group is full, written, and dropped, so memory stays flat however many records there are.
 */
export async function writeParquet(
  path: string,
  rows: AsyncIterable<ExportRow>,
  columns: readonly PayloadColumn[],
): Promise<void> {
  const schema = parquetSchema(columns);
  const writer = new ParquetWriter({ writer: fileWriter(path), schema, createdBy: 'freshet' });
  let group = new RowGroup(columns);
  for await (const row of rows) {
    group.add(row);
    if (group.rows >= ROW_GROUP_MAX_ROWS || group.bytes >= ROW_GROUP_MAX_BYTES) {
      await writer.write({ columnData: group.columnData(schema), rowGroupSize: group.rows });
      group = new RowGroup(columns);
    }
  }
  if (group.rows > 0) await writer.write({ columnData: group.columnData(schema), rowGroupSize: group.rows });
  await writer.finish();
}

class RowGroup {
  rows = 0;
  /** About the bytes held: the payloads' JSON length, which dwarfs the other columns. */
  bytes = 0;
  readonly #fixed: unknown[][] = RECORD_COLUMNS.map(() => []);
  readonly #declared: unknown[][];
  readonly #payloads: unknown[] = [];

  constructor(private readonly columns: readonly PayloadColumn[]) {
    this.#declared = columns.map(() => []);
  }

  add({ record, cells }: ExportRow): void {
    const fixed = this.#fixed;
    fixed[0]?.push(record.source);
    fixed[1]?.push(record.partitionKey);
    fixed[2]?.push(record.key);
    fixed[3]?.push(record.revision);
    fixed[4]?.push(record.firstSeenAt);
    fixed[5]?.push(record.updatedAt);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? null;
      // INT64 takes a bigint; the cell was checked to be a safe integer.
      this.#declared[i]?.push(
        this.columns[i]?.type === 'integer' && cell !== null ? BigInt(cell as number) : cell,
      );
    }
    this.#payloads.push(record.payload);
    this.rows += 1;
    this.bytes += approximateBytes(record.payload);
  }

  columnData(schema: readonly SchemaElement[]): ColumnSource[] {
    const data = [...this.#fixed, ...this.#declared, this.#payloads];
    return data.map((values, i) => ({
      name: (schema[i + 1] as SchemaElement).name,
      data: values as ColumnSource['data'],
    }));
  }
}

// Serializing once more only to measure would double the export's JSON work; the payload's
// JSON text is what the writer will hold, so its length is the measure, computed cheaply.
function approximateBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object') return 8;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) bytes += approximateBytes(item) + 1;
    return bytes;
  }
  for (const key in value)
    bytes += key.length + 4 + approximateBytes((value as Record<string, unknown>)[key]);
  return bytes;
}
