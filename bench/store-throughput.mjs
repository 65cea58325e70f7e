// Slice commit throughput of the two stores: the engine's step 3 (one transaction per slice:
// the lease check, the records with their ledger, the advanced checkpoint) on the embedded
// SQLite store and on @freshet/store-postgres, first as new records and then as an unchanged
// refresh (the same hashes: the ledger is touched, nothing rewritten), by one writer and by four.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyCounts } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { openPostgresStore } from '@freshet/store-postgres';
import pg from 'pg';

const SLICES = 2_000;
const RECORDS_PER_SLICE = 50;
const PARTITIONS = 40;
const SLICES_PER_PARTITION = SLICES / PARTITIONS;
const WRITERS = 4;
const ROUNDS = 3;
const SOURCE = 'usaspending';
const HOLDER = 'bench-worker';
/** The server every machine of the project runs, unless FRESHET_BENCH_DATABASE_URL names another. */
const DATABASE_URL =
  process.env.FRESHET_BENCH_DATABASE_URL ??
  process.env.FRESHET_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** An award-like payload of about 600 bytes, hashed up front: hashing is the engine's cost, not the store's. */
function sliceRecords(partition, slice) {
  return Array.from({ length: RECORDS_PER_SLICE }, (_, i) => {
    const key = `${partition}-${String(slice).padStart(3, '0')}-${String(i).padStart(2, '0')}`;
    const json = JSON.stringify({
      generated_internal_id: `CONT_AWD_${key}`,
      award_id: key,
      recipient: { name: `Recipient ${i}`, uei: `UEI${String(slice * 100 + i).padStart(9, '0')}` },
      amounts: { obligated: slice * 1000 + i, outlayed: slice * 900 + i },
      period: { start: '2024-10-01', end: '2025-09-30' },
      agency: { toptier: 'Department of Energy', subtier: 'Office of Science' },
      description: 'x'.repeat(280),
    });
    return { key, json, hash: createHash('sha256').update(json).digest('hex') };
  });
}

const partitionKey = (p) => `${SOURCE}:award_batch_${String(p).padStart(4, '0')}`;
const WORK = Array.from({ length: PARTITIONS }, (_, p) =>
  Array.from({ length: SLICES_PER_PARTITION }, (_, s) => sliceRecords(p, s)),
);

function startCheckpoint(key, now) {
  return {
    partitionKey: key,
    source: SOURCE,
    cohort: key.slice(SOURCE.length + 1),
    status: 'running',
    cursor: null,
    attempt: 1,
    counts: emptyCounts(),
    runId: 'bench',
    startedAt: now,
    updatedAt: now,
    completedAt: null,
    lastCompleteAt: null,
    durationMs: 0,
    error: null,
  };
}

/** One partition as slice-protocol.ts runs it under a lease: a fenced commit per slice. */
async function runPartition(store, p) {
  const key = partitionKey(p);
  const grant = await store.acquireLease(key, HOLDER, 600_000, new Date());
  if (!grant) throw new Error(`${key}: lease refused`);
  let checkpoint = startCheckpoint(key, new Date());
  for (let slice = 0; slice < SLICES_PER_PARTITION; slice++) {
    const records = WORK[p][slice];
    const now = new Date();
    checkpoint = await store.transaction(async (tx) => {
      await tx.checkLease(key, HOLDER, grant.token);
      const upserted = await tx.upsertRecords({ source: SOURCE, partitionKey: key, records, at: now });
      const done = slice === SLICES_PER_PARTITION - 1;
      const saved = {
        ...checkpoint,
        cursor: { page: slice + 1 },
        counts: {
          ...checkpoint.counts,
          slices: checkpoint.counts.slices + 1,
          written: checkpoint.counts.written + upserted.written,
          unchanged: checkpoint.counts.unchanged + upserted.unchanged,
          apiCalls: checkpoint.counts.apiCalls + 1,
        },
        status: done ? 'complete' : 'running',
        updatedAt: now,
        completedAt: done ? now : null,
        lastCompleteAt: done ? now : checkpoint.lastCompleteAt,
      };
      await tx.saveCheckpoint(saved);
      return saved;
    });
  }
  await store.releaseLease(key, HOLDER);
  return checkpoint.counts;
}

/** Every partition, by `writers` concurrent loops; returns records and slices per second. */
async function pass(store, writers, expect) {
  let next = 0;
  let written = 0;
  let unchanged = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < PARTITIONS) {
        const counts = await runPartition(store, next++);
        written += counts.written;
        unchanged += counts.unchanged;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const got = expect === 'written' ? written : unchanged;
  if (got !== SLICES * RECORDS_PER_SLICE)
    throw new Error(`expected ${SLICES * RECORDS_PER_SLICE} ${expect}, got ${got}`);
  return { records: (SLICES * RECORDS_PER_SLICE) / seconds, slices: SLICES / seconds };
}

/** A first load then an unchanged refresh on a fresh store, per round; medians of each. */
async function measure(open, writers) {
  const load = [];
  const refresh = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { store, dispose } = await open();
    try {
      load.push(await pass(store, writers, 'written'));
      refresh.push(await pass(store, writers, 'unchanged'));
    } finally {
      await dispose();
    }
  }
  const median = (runs, field) =>
    Math.round([...runs.map((r) => r[field])].sort((a, b) => a - b)[Math.floor(runs.length / 2)]);
  return {
    load: { 'records/s': median(load, 'records'), 'slices/s': median(load, 'slices') },
    refresh: { 'records/s': median(refresh, 'records'), 'slices/s': median(refresh, 'slices') },
    samples: {
      load: load.map((r) => Math.round(r.records)),
      refresh: refresh.map((r) => Math.round(r.records)),
    },
  };
}

async function openSqlite(dir) {
  const store = await openSqliteStore({ path: join(dir, `bench-${randomBytes(4).toString('hex')}.sqlite`) });
  return { store, dispose: () => store.close() };
}

async function openPostgres(admin) {
  const schema = `freshet_bench_${randomBytes(4).toString('hex')}`;
  const store = await openPostgresStore({ url: DATABASE_URL, schema, poolSize: WRITERS + 2 });
  return {
    store,
    async dispose() {
      await store.close();
      await admin.query(`drop schema if exists "${schema}" cascade`);
    },
  };
}

export async function benchStoreThroughput() {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-store-'));
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  const results = {};
  try {
    // Warm-up (JIT, connections, the server's caches), not counted.
    const warm = await openPostgres(admin);
    await pass(warm.store, 1, 'written');
    await warm.dispose();
    for (const writers of [1, WRITERS]) {
      results[`sqlite, ${writers} writer${writers > 1 ? 's' : ''}`] = await measure(
        () => openSqlite(dir),
        writers,
      );
      results[`postgres, ${writers} writer${writers > 1 ? 's' : ''}`] = await measure(
        () => openPostgres(admin),
        writers,
      );
    }
  } finally {
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
  const table = (phase) => Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r[phase]]));
  return {
    name: 'store-throughput',
    setup: {
      slices: SLICES,
      recordsPerSlice: RECORDS_PER_SLICE,
      partitions: PARTITIONS,
      payloadBytes: WORK[0][0][0].json.length,
      writers: [1, WRITERS],
      rounds: ROUNDS,
      postgres: new URL(DATABASE_URL).host,
    },
    'first load (new records)': table('load'),
    'refresh (unchanged hashes)': table('refresh'),
    samples: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.samples])),
  };
}

// Run alone: node bench/store-throughput.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchStoreThroughput();
  console.log(JSON.stringify(result, null, 2));
}
