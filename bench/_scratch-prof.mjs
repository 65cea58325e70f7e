// scratch: CPU time per record of engine vs bare (removed before finishing)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executePartitions } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import Database from 'better-sqlite3';
import { Agent, request } from 'undici';
import { benchSource, engineSourcesFor, workFor } from './bench-source.mjs';
import { startBenchApi } from './fake-api.mjs';
const BATCHES = 20, PER_BATCH = 10_000, PAGE = 500, PARALLEL = 4;
const mode = process.argv[2] ?? 'both';
const rounds = Number(process.argv[3] ?? 3);
async function engineRun(api, dir) {
  const store = await openSqliteStore({ path: join(dir, `engine-${Date.now()}.sqlite`) });
  const source = benchSource({ baseUrl: api.baseUrl, batches: BATCHES, pageSize: PAGE });
  const results = await executePartitions({ store, sources: engineSourcesFor(store, source), work: workFor(source, BATCHES), runId: 'bench', maxParallelPartitions: PARALLEL });
  const records = results.reduce((sum, r) => sum + r.counts.written, 0);
  if (records !== BATCHES * PER_BATCH) throw new Error(`engine stored ${records} records`);
  await store.close();
  return records;
}
async function bareRun(api, dir) {
  const db = new Database(join(dir, `bare-${Date.now()}.sqlite`));
  db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
  db.exec(`create table records (source text not null, key text not null, partition_key text not null, payload text not null, primary key (source, key))`);
  const insert = db.prepare(`insert into records (source, key, partition_key, payload) values (?, ?, ?, ?) on conflict (source, key) do update set payload = excluded.payload`);
  const insertPage = db.transaction((partition, items) => { for (const item of items) insert.run('bench', item.id, partition, JSON.stringify(item)); });
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  let next = 1, records = 0;
  const worker = async () => { while (next <= BATCHES) { const cohort = `batch_${String(next++).padStart(4, '0')}`; for (let page = 0; ; page++) {
    const res = await request(`${api.baseUrl}/items?cohort=${cohort}&page=${page}&size=${PAGE}`, { dispatcher });
    const body = JSON.parse(await res.body.text()); insertPage(`bench:${cohort}`, body.items); records += body.items.length;
    if ((page + 1) * PAGE >= body.total) break; } } };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  db.close(); await dispatcher.close();
  return records;
}
async function measure(fn) {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const n = await fn();
  const c = process.cpuUsage(c0); const wall = performance.now() - t0;
  return { cpuUsPerRec: (c.user + c.system) / n, wallRate: Math.round(n / wall * 1000) };
}
const cohorts = Array.from({ length: BATCHES }, (_, i) => `batch_${String(i + 1).padStart(4, '0')}`);
const api = await startBenchApi({ cohorts, perCohort: PER_BATCH, pageSize: PAGE });
const dir = await mkdtemp(join(tmpdir(), 'freshet-prof-'));
await bareRun(api, dir);
const out = { bare: [], engine: [] };
for (let r = 0; r < rounds; r++) {
  if (mode !== 'engine') out.bare.push(await measure(() => bareRun(api, dir)));
  if (mode !== 'bare') out.engine.push(await measure(() => engineRun(api, dir)));
}
await api.close(); await rm(dir, { recursive: true, force: true });
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const k of ['bare', 'engine']) if (out[k].length) console.log(k, 'cpu us/rec', out[k].map((x) => x.cpuUsPerRec.toFixed(2)).join(' '), 'wall rec/s', out[k].map((x) => x.wallRate).join(' '));
if (out.bare.length && out.engine.length) console.log('cpu ratio (bare/engine)', (med(out.bare.map((x) => x.cpuUsPerRec)) / med(out.engine.map((x) => x.cpuUsPerRec))).toFixed(3));
