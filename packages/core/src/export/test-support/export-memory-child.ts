// One export in a process of its own, so its peak RSS is the export's: prints one JSON line.
import { exportRecords } from '../export-records.js';
import { SYNTHETIC_COLUMNS, syntheticStore } from './synthetic-store.js';

const [format, out, count] = process.argv.slice(2);
const started = performance.now();
const result = await exportRecords(syntheticStore(Number(count)), {
  source: 'synthetic',
  columns: SYNTHETIC_COLUMNS,
  format: format as 'jsonl' | 'csv' | 'parquet',
  out: out as string,
});
console.log(
  JSON.stringify({
    records: result.records,
    bytes: result.bytes,
    seconds: (performance.now() - started) / 1000,
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
