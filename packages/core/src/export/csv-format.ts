import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { PayloadColumn } from './columns.js';
import { dateText, type ExportRow, PAYLOAD_COLUMN, RECORD_COLUMNS } from './export-row.js';

/**
 * CSV as RFC 4180 has it (CRLF line ends, fields quoted when they hold a comma, quote or line
 * break), with a header row: the record's columns, the declared payload columns, then the
 * whole payload as JSON. An empty field is a null; times are ISO 8601 in UTC.
 */
export async function writeCsv(
  path: string,
  rows: AsyncIterable<ExportRow>,
  columns: readonly PayloadColumn[],
): Promise<void> {
  const stringifier = stringify({
    header: true,
    columns: [...RECORD_COLUMNS, ...columns.map((column) => column.name), PAYLOAD_COLUMN],
    record_delimiter: 'windows',
    // csv-stringify writes true as 1 and false as an empty field (a null here): spell them out.
    cast: { boolean: (value) => (value ? 'true' : 'false'), date: (value) => value.toISOString() },
  });
  await pipeline(Readable.from(fields(rows, columns)), stringifier, createWriteStream(path));
}

async function* fields(
  rows: AsyncIterable<ExportRow>,
  columns: readonly PayloadColumn[],
): AsyncGenerator<unknown[]> {
  for await (const { record, cells } of rows) {
    yield [
      record.source,
      record.partitionKey,
      record.key,
      record.revision,
      record.firstSeenAt,
      record.updatedAt,
      ...cells.map((cell, i) =>
        cell instanceof Date && columns[i]?.type === 'date' ? dateText(cell) : cell,
      ),
      JSON.stringify(record.payload),
    ];
  }
}
