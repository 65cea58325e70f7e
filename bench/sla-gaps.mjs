// SLA-gap listing over 100,000 partitions and 1,000,000 ledger rows: four sources, a quarter of
// the partitions each, ten records per partition, completions spread over the past 60 days.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyCounts, listSlaGaps } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';

export const SOURCES = [
  { id: 'usaspending', slaMs: 1 * 86_400_000 },
  { id: 'sam_gov', slaMs: 7 * 86_400_000 },
  { id: 'nih', slaMs: 7 * 86_400_000 },
  { id: 'patentsview', slaMs: 30 * 86_400_000 },
];
export const PARTITIONS = 100_000;
const RECORDS_PER_PARTITION = 10;
const ROUNDS = 5;
const DAY = 86_400_000;

function checkpoint(sourceId, n, now) {
  const cohort = `batch_${String(n).padStart(6, '0')}`;
  const at = new Date(now - ((n * 7919) % 60) * DAY);
  return {
    partitionKey: `${sourceId}:${cohort}`,
    source: sourceId,
    cohort,
    status: 'complete',
    cursor: { page: 3 },
    attempt: 1,
    counts: { ...emptyCounts(), slices: 1, written: RECORDS_PER_PARTITION, apiCalls: 1 },
    runId: 'seed',
    startedAt: at,
    updatedAt: at,
    completedAt: at,
    lastCompleteAt: at,
    durationMs: 10,
    error: null,
  };
}

export async function seed(store, now) {
  const perSource = PARTITIONS / SOURCES.length;
  const known = new Map();
  for (const { id } of SOURCES) {
    const keys = [];
    for (let start = 1; start <= perSource; start += 500) {
      await store.transaction(async (tx) => {
        for (let n = start; n < start + 500 && n <= perSource; n++) {
          const cp = checkpoint(id, n, now);
          keys.push(cp.partitionKey);
          await tx.saveCheckpoint(cp);
          await tx.upsertRecords({
            source: id,
            partitionKey: cp.partitionKey,
            records: Array.from({ length: RECORDS_PER_PARTITION }, (_, r) => ({
              key: `${cp.cohort}-${r}`,
              json: JSON.stringify({ n, r }),
              hash: `${n}-${r}`,
            })),
            at: cp.lastCompleteAt,
          });
        }
      });
    }
    known.set(id, keys);
  }
  return known;
}

/** Where the seeded store says it is. */
export const SEED_NOW = Date.parse('2026-06-01T00:00:00Z');

export async function benchSlaGaps() {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-bench-sla-'));
  const store = await openSqliteStore({ path: join(dir, 'scale.sqlite') });
  const now = SEED_NOW;
  try {
    const seedStarted = performance.now();
    const knownPartitions = await seed(store, now);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const watermark = await store.ledgerWatermark();
    const timings = [];
    let gaps = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      gaps = await listSlaGaps({ store, sources: SOURCES, now: new Date(now), knownPartitions });
      timings.push(performance.now() - started);
    }
    const median = [...timings].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
    return {
      name: 'sla-gaps',
      setup: {
        partitions: PARTITIONS,
        ledgerRows: watermark.entries,
        sources: SOURCES.length,
        rounds: ROUNDS,
      },
      partitions: PARTITIONS,
      ledgerRows: watermark.entries,
      gapsFound: gaps.length,
      staleRecordsFound: gaps.reduce((sum, g) => sum + g.staleRecords, 0),
      medianMs: Math.round(median),
      target: '< 1000 ms',
      met: median < 1000,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      samples: timings.map(Math.round),
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
