// One format of the export benchmark in a process of its own, so its peak RSS is the export's
// (store reads included): prints its figures as one JSON line.
import { exportRecords } from '@freshet/core/export';
import { openSqliteStore } from '@freshet/core/sqlite';

const [storePath, format, out, columns] = process.argv.slice(2);
const store = await openSqliteStore({ path: storePath });
const started = performance.now();
const result = await exportRecords(store, {
  source: 'usaspending',
  columns: JSON.parse(columns),
  format,
  out,
});
const seconds = (performance.now() - started) / 1000;
await store.close();
console.log(
  JSON.stringify({
    records: result.records,
    bytes: result.bytes,
    seconds,
    mismatches: result.mismatches,
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
