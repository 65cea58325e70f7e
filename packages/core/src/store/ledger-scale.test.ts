import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../sqlite.js';
import type { Store } from './types.js';

/*
 * Ledger queries at production scale: 1,000,000 ledger rows in 100,000 partitions of one source
 * (the worst case for staleCounts). Slow to seed, so opt-in:
 *   FRESHET_STORE_SCALE=1 npx vitest run src/store/ledger-scale
 */

const ROWS = 1_000_000;
const PARTITIONS = 100_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 2, 1);

// Skipped unless asked for: seeding a million rows takes minutes, too long for every `pnpm test`;
// `pnpm bench sla-gaps` measures the same queries at the same scale.
describe.skipIf(!process.env.FRESHET_STORE_SCALE)('ledger at scale', () => {
  let dir = '';
  let store: Store;
  afterAll(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('staleCounts and ledgerRollup over 1,000,000 rows in 100,000 partitions stay well under a second', async () => {
    dir = await mkdtemp(join(tmpdir(), 'freshet-scale-'));
    const path = join(dir, 'scale.db');
    store = await openSqliteStore({ path });

    // Seed the ledger directly: 10 rows per partition, successes spread over 60 days, 5% never
    // succeeded (ledger-only rows, without a payload).
    const seedStart = performance.now();
    const raw = new BetterSqlite3(path);
    raw.exec(`
        with recursive n(i) as (select 0 union all select i + 1 from n where i < ${ROWS - 1})
        insert into records (source, key, partition_key, hash, revision, first_seen_at, updated_at,
                             status, attempts, last_attempt_at, last_success_at, error, seq, payload)
        select 'sam_gov', printf('UEI%09d', i), printf('sam_gov:uei_batch_%06d', i % ${PARTITIONS}),
               case when i % 20 = 0 then null else 'h' end,
               case when i % 20 = 0 then 0 else 1 end,
               case when i % 20 = 0 then null else ${NOW} - (i % 60) * ${DAY} end,
               case when i % 20 = 0 then null else ${NOW} - (i % 60) * ${DAY} end,
               case when i % 20 = 0 then 'failed' else 'success' end, 1,
               ${NOW} - (i % 60) * ${DAY},
               case when i % 20 = 0 then null else ${NOW} - (i % 60) * ${DAY} end, null, 1,
               case when i % 20 = 0 then null else printf('{"uei":%d,"name":"%s"}', i, printf('%.200c', 'x')) end
        from n;
        analyze;
      `);
    raw.close();
    const seedMs = performance.now() - seedStart;

    const cutoff = new Date(NOW - 30 * DAY);
    const time = async <T>(fn: () => Promise<T>) => {
      const start = performance.now();
      const result = await fn();
      return { result, ms: performance.now() - start };
    };
    await store.staleCounts('sam_gov', cutoff); // warm the page cache
    const stale = await time(() => store.staleCounts('sam_gov', cutoff));
    const rollupAll = await time(() => store.ledgerRollup({ staleBefore: cutoff, source: 'sam_gov' }));
    const someKeys = Array.from(
      { length: 500 },
      (_, i) => `sam_gov:uei_batch_${String(i * 7).padStart(6, '0')}`,
    );
    const rollupSome = await time(() => store.ledgerRollup({ staleBefore: cutoff, partitionKeys: someKeys }));
    const watermark = await time(() => store.ledgerWatermark());

    // The hot path on top of a million rows: slices of 1000 records, half of them changed.
    const sliceTimes: number[] = [];
    for (let s = 0; s < 20; s++) {
      const records = Array.from({ length: 1000 }, (_, i) => {
        const n = s * 1000 + i;
        return {
          key: `UEI${String(n).padStart(9, '0')}`,
          hash: n % 2 ? 'h' : `h${s}`,
          json: JSON.stringify({ uei: n, name: 'x'.repeat(200) }),
        };
      });
      const slice = await time(() =>
        store.upsertRecords({
          source: 'sam_gov',
          partitionKey: 'sam_gov:uei_batch_000000',
          records,
          at: new Date(NOW),
        }),
      );
      sliceTimes.push(slice.ms);
    }
    const medianSlice = [...sliceTimes].sort((a, b) => a - b)[10] ?? 0;

    console.log(
      [
        `seeded ${ROWS} ledger rows in ${PARTITIONS} partitions in ${seedMs.toFixed(0)} ms`,
        `staleCounts(one source): ${stale.ms.toFixed(1)} ms, ${stale.result.size} partitions`,
        `ledgerRollup(one source): ${rollupAll.ms.toFixed(1)} ms, ${rollupAll.result.length} partitions`,
        `ledgerRollup(500 partition keys): ${rollupSome.ms.toFixed(1)} ms`,
        `ledgerWatermark: ${watermark.ms.toFixed(1)} ms (${watermark.result.entries} entries)`,
        `upsertRecords of 1000 (median of 20): ${medianSlice.toFixed(1)} ms`,
      ].join('\n'),
    );
    expect(stale.result.size).toBe(PARTITIONS);
    expect(rollupAll.result.length).toBe(PARTITIONS);
    expect(rollupSome.result.length).toBe(500);
    expect(stale.ms).toBeLessThan(1000);
  }, 600_000);
});
