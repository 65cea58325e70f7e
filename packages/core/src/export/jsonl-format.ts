import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportRow } from './export-row.js';

// Lines are handed to the file in chunks of about this many characters: one write per line
// would cost more than the JSON itself.
const CHUNK_CHARS = 64 * 1024;

/**
 * JSON Lines: one object per record with the record's columns and its payload as nested JSON
 * (declared columns are not repeated: the payload holds them with their original types).
 */
export async function writeJsonl(path: string, rows: AsyncIterable<ExportRow>): Promise<void> {
  await pipeline(Readable.from(chunks(rows), { objectMode: false }), createWriteStream(path));
}

async function* chunks(rows: AsyncIterable<ExportRow>): AsyncGenerator<string> {
  let chunk = '';
  for await (const { record } of rows) {
    chunk += `${JSON.stringify({
      source: record.source,
      partition: record.partitionKey,
      key: record.key,
      revision: record.revision,
      first_seen_at: record.firstSeenAt.toISOString(),
      updated_at: record.updatedAt.toISOString(),
      payload: record.payload,
    })}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
