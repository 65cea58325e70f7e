// Export throughput and peak memory: 1,000,000 stored records written as JSON Lines, CSV and
// Parquet by `exportRecords` (`freshet export`), each format in a child process whose peak RSS
// is the export's alone; then each file is read back with another library than its writer's
// and compared, record by record, with what the store holds.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openSqliteStore } from '@freshet/core/sqlite';

const RECORDS = Number(process.env.BENCH_EXPORT_RECORDS ?? 1_000_000);
const PARTITIONS = 100;
const BATCH = 5_000;
const FORMATS = ['jsonl', 'csv', 'parquet'];
const TARGET_MIB = 256;
const COLUMNS = {
  generated_internal_id: 'string',
  internal_id: 'integer',
  'Award Amount': 'number',
  'Start Date': 'date',
  'Recipient Name': 'string',
  'recipient.uei': 'string',
};

// The readers come from @freshet/core's own dev dependencies (hyparquet, papaparse): bench/
// installs nothing of its own.
const requireFromCore = createRequire(
  fileURLToPath(new URL('../packages/core/package.json', import.meta.url)),
);
const importFromCore = (name) => import(pathToFileURL(requireFromCore.resolve(name)).href);

const keyOf = (i) => `ASST_${String(i).padStart(9, '0')}`;

/** An award-like payload of about 250 bytes. */
function payloadOf(i) {
  return {
    generated_internal_id: keyOf(i),
    internal_id: i,
    'Award ID': `W9132T${String(i).padStart(7, '0')}`,
    'Recipient Name': i % 11 === 0 ? `Recipient ${i}, "Inc."` : `Recipient ${i}`,
    'Award Amount': i * 10.5,
    'Start Date': `20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}`,
    recipient: { uei: `UEI${String(i).padStart(9, '0')}` },
    description: 'SBIR PHASE II: a research and development award',
  };
}

async function fillStore(path) {
  const store = await openSqliteStore({ path });
  const at = new Date('2025-03-20T02:00:00Z');
  const perPartition = RECORDS / PARTITIONS;
  for (let start = 0; start < RECORDS; start += BATCH) {
    const partitionKey = `usaspending:award_year_${String(2000 + Math.floor(start / perPartition)).padStart(4, '0')}`;
    const records = [];
    for (let i = start; i < Math.min(RECORDS, start + BATCH); i++) {
      const json = JSON.stringify(payloadOf(i));
      records.push({ key: keyOf(i), json, hash: createHash('sha256').update(json).digest('hex') });
    }
    await store.upsertRecords({ source: 'usaspending', partitionKey, records, at });
  }
  await store.close();
}

function exportInChild(storePath, format, out) {
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('./export-child.mjs', import.meta.url)),
      storePath,
      format,
      out,
      JSON.stringify(COLUMNS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let text = '';
  child.stdout.on('data', (chunk) => {
    text += chunk;
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(text.trim().split('\n').at(-1)))
        : reject(new Error(`${format} export exited with ${code}`)),
    ),
  );
}

/** Compares a file's rows with the stored records, in order; returns how many matched. */
async function readBack(format, path) {
  let i = 0;
  const check = (key, payload) => {
    if (key !== keyOf(i) || JSON.stringify(payload) !== JSON.stringify(payloadOf(i))) {
      throw new Error(`${format}: row ${i} is ${key}, not equal to the stored ${keyOf(i)}`);
    }
    i += 1;
  };
  if (format === 'jsonl') {
    for await (const line of createInterface({ input: createReadStream(path) })) {
      const row = JSON.parse(line);
      check(row.key, row.payload);
    }
  } else if (format === 'csv') {
    const { default: Papa } = await importFromCore('papaparse');
    let header;
    await new Promise((resolve, reject) =>
      Papa.parse(createReadStream(path), {
        skipEmptyLines: true,
        step: ({ data }) => {
          if (header === undefined) header = data;
          else check(data[header.indexOf('key')], JSON.parse(data[header.indexOf('payload')]));
        },
        complete: resolve,
        error: reject,
      }),
    );
  } else {
    const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } =
      await importFromCore('hyparquet');
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const rows = await parquetReadObjects({
        file,
        metadata,
        rowStart,
        rowEnd,
        columns: ['key', 'payload'],
      });
      for (const row of rows) check(row.key, row.payload);
      rowStart = rowEnd;
    }
  }
  return i;
}

export async function benchExport() {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-export-'));
  try {
    const storePath = join(dir, 'store.sqlite');
    const filled = performance.now();
    await fillStore(storePath);
    const fillSeconds = (performance.now() - filled) / 1000;
    const formats = {};
    for (const format of FORMATS) {
      const out = join(dir, `records.${format}`);
      const figures = await exportInChild(storePath, format, out);
      const readBackRecords = await readBack(format, out);
      const peakRssMiB = Math.round(figures.maxRssKiB / 1024);
      formats[format] = {
        records: figures.records,
        seconds: Number(figures.seconds.toFixed(1)),
        recordsPerSecond: Math.round(figures.records / figures.seconds),
        fileMiB: Number((figures.bytes / 2 ** 20).toFixed(1)),
        peakRssMiB,
        readBackEqual: readBackRecords === RECORDS,
        met: peakRssMiB < TARGET_MIB && readBackRecords === RECORDS,
      };
      await rm(out, { force: true });
    }
    return {
      name: 'export',
      setup: { records: RECORDS, partitions: PARTITIONS, columns: COLUMNS },
      records: RECORDS,
      storeFillSeconds: Number(fillSeconds.toFixed(1)),
      target: `< ${TARGET_MIB} MiB peak RSS per format, read back equal`,
      met: Object.values(formats).every((f) => f.met),
      formats,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
