// The engine side of the memory benchmark; prints its figures as one JSON line.
import { join } from 'node:path';
import { executePartitions } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { benchSource, engineSourcesFor, workFor } from './bench-source.mjs';

const run = JSON.parse(process.env.BENCH_RUN);
const store = await openSqliteStore({ path: join(process.env.BENCH_DIR, 'memory.sqlite') });
const source = benchSource({
  baseUrl: process.env.BENCH_API,
  batches: run.partitions,
  pageSize: run.pageSize,
});
const started = performance.now();
const results = await executePartitions({
  store,
  sources: engineSourcesFor(store, source),
  work: workFor(source, run.partitions),
  runId: 'bench-memory',
  maxParallelPartitions: run.parallelPartitions,
});
const records = results.reduce((sum, r) => sum + r.counts.written, 0);
await store.close();
if (records !== run.partitions * run.recordsPerPartition) throw new Error(`stored ${records} records`);
console.log(
  JSON.stringify({
    records,
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
