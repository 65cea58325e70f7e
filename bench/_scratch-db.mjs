// scratch: DB-layer cost per record for schema/SQL variants (removed before finishing)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { item } from './fake-api.mjs';
const N = 200_000, PAGE = 500, PARTS = 4;
const pages = [];
// 4 partitions interleaved page by page, like 4 parallel workers
for (let p = 0; p < N / PAGE / PARTS; p++) for (let c = 1; c <= PARTS; c++) {
  const cohort = `batch_${String(c).padStart(4, '0')}`;
  pages.push({ partition: `bench:${cohort}`, items: Array.from({ length: PAGE }, (_, i) => item(cohort, p * PAGE + i)).map((r) => ({ key: r.id, json: JSON.stringify(r), hash: 'h'.repeat(64) })) });
}
const dir = await mkdtemp(join(tmpdir(), 'freshet-db-'));
function open(name) { const db = new Database(join(dir, `${name}-${Date.now()}.db`)); db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL'); return db; }
const variants = {
  bare() {
    const db = open('bare');
    db.exec(`create table records (source text not null, key text not null, partition_key text not null, payload text not null, primary key (source, key))`);
    const insert = db.prepare(`insert into records (source, key, partition_key, payload) values (?, ?, ?, ?) on conflict (source, key) do update set payload = excluded.payload`);
    return { db, page(pg) { db.exec('begin immediate'); for (const r of pg.items) insert.run('bench', r.key, pg.partition, r.json); db.exec('commit'); } };
  },
};
function merged({ withoutRowid = false, idxB = true, idxA = true, rows = 500, returning = true, select = false, idxAcols = 'source, partition_key, last_success_at, status, last_attempt_at' } = {}) {
  return () => {
    const db = open('m');
    db.exec(`create table records (source text not null, key text not null, partition_key text not null, hash text, revision integer not null, first_seen_at bigint, updated_at bigint, status text not null, attempts integer not null, last_attempt_at bigint not null, last_success_at bigint, error text, seq bigint not null, payload text, primary key (source, key)) ${withoutRowid ? 'without rowid' : ''}`);
    if (idxA) db.exec(`create index a on records (${idxAcols})`);
    if (idxB) db.exec('create index b on records (partition_key)');
    db.exec('create table ledger_clock (id integer primary key, seq bigint not null, at bigint)'); db.exec('insert into ledger_clock values (1, 0, null)');
    db.exec('create table checkpoints (partition_key text primary key, cursor text, counts text, updated_at bigint)');
    const same = 'records.hash = excluded.hash';
    const sqlFor = (n) => `insert into records (source, "key", partition_key, hash, revision, first_seen_at, updated_at, status, attempts, last_attempt_at, last_success_at, error, seq, payload) values ${Array.from({ length: n }, () => "(?, ?, ?, ?, 1, ?, ?, 'success', 1, ?, ?, null, ?, ?)").join(', ')} on conflict (source, "key") do update set partition_key = excluded.partition_key, hash = excluded.hash, revision = case when ${same} then records.revision else records.revision + 1 end, first_seen_at = coalesce(records.first_seen_at, excluded.first_seen_at), updated_at = case when ${same} then records.updated_at else excluded.updated_at end, status = case when ${same} then 'unchanged' else 'success' end, attempts = records.attempts + 1, last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, error = null, seq = excluded.seq, payload = case when ${same} then records.payload else excluded.payload end${returning ? ' returning "key", status' : ''}`;
    const stmts = new Map();
    const stmt = (n) => { let s = stmts.get(n); if (!s) { s = db.prepare(sqlFor(n)); stmts.set(n, s); } return s; };
    const clock = db.prepare('update ledger_clock set seq = seq + 1, at = case when at is null or at < ? then ? else at end where id = 1 returning seq');
    const cp = db.prepare('insert into checkpoints values (?, ?, ?, ?) on conflict (partition_key) do update set cursor = excluded.cursor, counts = excluded.counts, updated_at = excluded.updated_at');
    let t = 1_700_000_000_000;
    const sel = db.prepare(`select "key", hash from records where source = ? and "key" in (${Array.from({length: 500}, () => '?').join(', ')})`);
    return { db, page(pg) {
      db.exec('begin immediate');
      const at = t++;
      const seq = clock.get(at, at).seq;
      for (let s = 0; s < pg.items.length; s += rows) {
        const part = pg.items.slice(s, s + rows);
        if (select) { const m = new Map(); for (const row of sel.all('bench', ...part.map((r) => r.key))) m.set(row.key, row.hash); }
        const params = [];
        for (const r of part) params.push('bench', r.key, pg.partition, r.hash, at, at, at, at, seq, r.json);
        const st = stmt(part.length);
        if (returning) st.all(params); else st.run(params);
      }
      cp.run(pg.partition, '{"page":1}', '{"slices":1}', at);
      db.exec('commit');
    } };
  };
}
variants.wideRow = () => {
    const db = open('w');
    db.exec(`create table records (source text not null, key text not null, partition_key text not null, hash text, revision integer not null, first_seen_at bigint, updated_at bigint, status text not null, attempts integer not null, last_attempt_at bigint not null, last_success_at bigint, error text, seq bigint not null, payload text, primary key (source, key))`);
    const insert = db.prepare(`insert into records values (?, ?, ?, ?, 1, ?, ?, 'success', 1, ?, ?, null, ?, ?) on conflict (source, key) do update set payload = excluded.payload`);
    let t = 1;
    return { db, page(pg) { db.exec('begin immediate'); const at = t++; for (const r of pg.items) insert.run('bench', r.key, pg.partition, r.hash, at, at, at, at, 1, r.json); db.exec('commit'); } };
};
variants.bareMulti = () => {
    const db = open('bm');
    db.exec(`create table records (source text not null, key text not null, partition_key text not null, payload text not null, primary key (source, key))`);
    const insert = db.prepare(`insert into records (source, key, partition_key, payload) values ${Array.from({length:500},()=>'(?, ?, ?, ?)').join(', ')} on conflict (source, key) do update set payload = excluded.payload`);
    return { db, page(pg) { db.exec('begin immediate'); const params=[]; for (const r of pg.items) params.push('bench', r.key, pg.partition, r.json); insert.run(params); db.exec('commit'); } };
};
Object.assign(variants, {
  merged: merged(),
  mergedNoB: merged({ idxB: false }),
  selNoRet: merged({ returning: false, select: true }),
  baseNoIdxNoRet: merged({ returning: false, idxA: false, idxB: false }),
  narrowANoBNoRet: merged({ returning: false, idxB: false, idxAcols: 'source, partition_key, last_success_at' }),
  noBNoRet: merged({ returning: false, idxB: false }),
  mergedNoAB: merged({ idxA: false, idxB: false }),
  mergedNoRet: merged({ returning: false }),
  mergedWR: merged({ withoutRowid: true }),
  mergedWRNoB: merged({ withoutRowid: true, idxB: false }),
  merged100: merged({ rows: 100 }),
  merged250: merged({ rows: 250 }),
});
const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(variants);
const res = {};
for (let round = 0; round < Number(process.env.ROUNDS ?? 5); round++) for (const name of names) {
  const v = variants[name]();
  const t0 = performance.now(); const c0 = process.cpuUsage();
  for (const pg of pages) v.page(pg);
  const c = process.cpuUsage(c0); const ms = performance.now() - t0;
  v.db.close();
  (res[name] ??= []).push((c.user + c.system) / N);
}
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(14), 'cpu us/rec min', Math.min(...v).toFixed(2), 'median', [...v].sort((a,b)=>a-b)[Math.floor(v.length/2)].toFixed(2));
await rm(dir, { recursive: true, force: true });
