import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import Papa from 'papaparse';

// Readers of other libraries than the writers (papaparse, not csv-stringify; hyparquet's
// reader, not hyparquet-writer): a file only counts as written when they read it back.

export async function* readJsonl(path: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) yield JSON.parse(line);
}

export async function readCsv(path: string): Promise<{ header: string[]; rows: string[][] }> {
  const parsed = Papa.parse<string[]>(await readFile(path, 'utf8'), { skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`CSV does not parse: ${JSON.stringify(parsed.errors[0])}`);
  const [header, ...rows] = parsed.data;
  return { header: header ?? [], rows };
}

/** Every row of a Parquet file, in row groups, so a large file is checked in pieces. */
export async function* readParquet(path: string): AsyncGenerator<Record<string, unknown>> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    yield* await parquetReadObjects({ file, metadata, rowStart, rowEnd });
    rowStart = rowEnd;
  }
}

export async function parquetSchemaOf(path: string) {
  return (await parquetMetadataAsync(await asyncBufferFromFile(path))).schema;
}
