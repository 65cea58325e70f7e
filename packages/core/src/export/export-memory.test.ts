import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportFormat } from './export-records.js';
import { readCsv, readJsonl, readParquet } from './test-support/read-back.js';
import { type SyntheticPayload, syntheticRecord } from './test-support/synthetic-store.js';

// The bar is 1,000,000 records under 256 MB; `pnpm bench export` measures that on a SQLite
// store, and FRESHET_EXPORT_MEMORY_RECORDS=1000000 runs this test at that size (about 2.5
// minutes). 100,000 keep the suite quick: the export streams, so its peak hardly grows with
// the count, and a writer that held the whole file would already show here.
const RECORDS = Number(process.env.FRESHET_EXPORT_MEMORY_RECORDS ?? 100_000);
const MAX_RSS_MIB = 256;

let dir: string;
let child: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'freshet-export-memory-'));
  // The child runs without vitest, so it runs a bundle of the sources, built outside the repo.
  await build({
    entry: { child: fileURLToPath(new URL('./test-support/export-memory-child.ts', import.meta.url)) },
    outDir: dir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    noExternal: [/.*/],
    config: false,
    dts: false,
    silent: true,
  });
  child = join(dir, 'child.js');
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportInChild(format: ExportFormat) {
  const out = join(dir, `records.${format}`);
  const { stdout } = await promisify(execFile)(process.execPath, [child, format, out, String(RECORDS)]);
  return { out, ...(JSON.parse(stdout.trim()) as { records: number; maxRssKiB: number }) };
}

function expectedRow(i: number) {
  const r = syntheticRecord(i);
  return { r, iso: [r.firstSeenAt.toISOString(), r.updatedAt.toISOString()] };
}

describe.each(EXPORT_FORMATS)(`%s export of ${RECORDS.toLocaleString('en-US')} records`, (format) => {
  it(`stays under ${MAX_RSS_MIB} MB and reads back equal`, async () => {
    const { out, records, maxRssKiB } = await exportInChild(format);
    expect(records).toBe(RECORDS);
    expect(maxRssKiB / 1024).toBeLessThan(MAX_RSS_MIB);

    let i = 0;
    if (format === 'jsonl') {
      for await (const row of readJsonl(out)) {
        const { r, iso } = expectedRow(i++);
        expect(row).toEqual({
          source: r.source,
          partition: r.partitionKey,
          key: r.key,
          revision: r.revision,
          first_seen_at: iso[0],
          updated_at: iso[1],
          payload: r.payload,
        });
      }
    } else if (format === 'csv') {
      for (const row of (await readCsv(out)).rows) {
        const { r, iso } = expectedRow(i++);
        const p = r.payload as unknown as SyntheticPayload;
        expect(row).toEqual([
          r.source,
          r.partitionKey,
          r.key,
          String(r.revision),
          ...iso,
          String(p.id),
          p.title,
          String(p.amount),
          String(p.active),
          p.day,
          p.org.name,
          JSON.stringify(r.payload),
        ]);
      }
    } else {
      for await (const row of readParquet(out)) {
        const { r } = expectedRow(i++);
        const p = r.payload as unknown as SyntheticPayload;
        expect(row).toEqual({
          source: r.source,
          partition: r.partitionKey,
          key: r.key,
          revision: r.revision,
          first_seen_at: r.firstSeenAt,
          updated_at: r.updatedAt,
          'payload.id': BigInt(p.id),
          'payload.title': p.title,
          'payload.amount': p.amount,
          'payload.active': p.active,
          'payload.day': new Date(`${p.day}T00:00:00Z`),
          'payload.org.name': p.org.name,
          payload: r.payload,
        });
      }
    }
    expect(i).toBe(RECORDS);
  }, 600_000);
});
