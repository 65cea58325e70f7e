// Records per second through the full slice protocol (limiter, HTTP client with retries,
// hashing, records + ledger + checkpoint in one transaction per slice) beside a bare loop
// (fetch a page, insert its rows in one transaction) against the same zero-latency API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executePartitions } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import Database from 'better-sqlite3';
import { Agent, request } from 'undici';
import { benchSource, engineSourcesFor, workFor } from './bench-source.mjs';
import { startBenchApi } from './fake-api.mjs';

const BATCHES = 20;
const PER_BATCH = 10_000;
const PAGE = 500;
const PARALLEL = 4;
const ROUNDS = 3;

async function engineRun(api, dir) {
  const store = await openSqliteStore({ path: join(dir, `engine-${Date.now()}.sqlite`) });
  const source = benchSource({ baseUrl: api.baseUrl, batches: BATCHES, pageSize: PAGE });
  const started = performance.now();
  const results = await executePartitions({
    store,
    sources: engineSourcesFor(store, source),
    work: workFor(source, BATCHES),
    runId: 'bench',
    maxParallelPartitions: PARALLEL,
  });
  const seconds = (performance.now() - started) / 1000;
  const records = results.reduce((sum, r) => sum + r.counts.written, 0);
  if (records !== BATCHES * PER_BATCH) throw new Error(`engine stored ${records} records`);
  await store.close();
  return records / seconds;
}

async function bareRun(api, dir) {
  const db = new Database(join(dir, `bare-${Date.now()}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table records (source text not null, key text not null, partition_key text not null,
    payload text not null, primary key (source, key))`);
  const insert = db.prepare(`insert into records (source, key, partition_key, payload) values (?, ?, ?, ?)
    on conflict (source, key) do update set payload = excluded.payload`);
  const insertPage = db.transaction((partition, items) => {
    for (const item of items) insert.run('bench', item.id, partition, JSON.stringify(item));
  });
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  let next = 1;
  let records = 0;
  const started = performance.now();
  const worker = async () => {
    while (next <= BATCHES) {
      const cohort = `batch_${String(next++).padStart(4, '0')}`;
      for (let page = 0; ; page++) {
        const res = await request(`${api.baseUrl}/items?cohort=${cohort}&page=${page}&size=${PAGE}`, {
          dispatcher,
        });
        const body = JSON.parse(await res.body.text());
        insertPage(`bench:${cohort}`, body.items);
        records += body.items.length;
        if ((page + 1) * PAGE >= body.total) break;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  await dispatcher.close();
  return records / seconds;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchOverhead() {
  const cohorts = Array.from({ length: BATCHES }, (_, i) => `batch_${String(i + 1).padStart(4, '0')}`);
  const api = await startBenchApi({ cohorts, perCohort: PER_BATCH, pageSize: PAGE });
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-overhead-'));
  const engine = [];
  const bare = [];
  try {
    // Warm-up of each (JIT, page cache): the engine's code was measured cold in its first round.
    await bareRun(api, dir);
    await engineRun(api, dir);
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await bareRun(api, dir));
      engine.push(await engineRun(api, dir));
    }
  } finally {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
  const ratio = median(engine) / median(bare);
  return {
    name: 'overhead',
    setup: {
      partitions: BATCHES,
      recordsPerPartition: PER_BATCH,
      pageSize: PAGE,
      parallelPartitions: PARALLEL,
      rounds: ROUNDS,
    },
    engineRecordsPerSecond: Math.round(median(engine)),
    bareLoopRecordsPerSecond: Math.round(median(bare)),
    ratio: Number(ratio.toFixed(3)),
    target: '>= 0.8',
    met: ratio >= 0.8,
    samples: { engine: engine.map(Math.round), bare: bare.map(Math.round) },
  };
}
