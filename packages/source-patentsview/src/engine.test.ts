import { ErrorCodes, type Quota, type Store } from '@freshet/core';
import {
  FAULT_KINDS,
  type PatentsViewSimulator,
  type PatentsViewSimulatorOptions,
  startPatentsViewSimulator,
} from '@freshet/testkit';
import {
  engineTestSetup,
  FAIL_FAST_TEST_QUOTA,
  runSource,
  storedKeys,
  totalCounts,
} from '@freshet/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { PATENTSVIEW_DEFAULT_QUOTA } from './defaults.js';
import { patentsview } from './source.js';
import { expectedIds, monthPartitionKeys } from './test-support.js';

const { setup } = engineTestSetup(startPatentsViewSimulator);

/** Every patent of each partition stored once, with the payload the API serves now. */
async function expectTruth(sim: PatentsViewSimulator, store: Store, keys: string[]): Promise<void> {
  for (const key of keys) {
    const expected = expectedIds(sim, key);
    expect(await storedKeys(store, 'patentsview', key), key).toEqual([...expected].sort());
  }
  const sample = expectedIds(sim, keys[0]!)[0]!;
  const record = await store.getRecord('patentsview', sample);
  expect(record?.payload).toMatchObject({ patent_id: sample, patent_date: sim.patent(sample)?.patent_date });
}

// Three months: two pages and a bit, a short month, and exactly one full page (ended by an empty one).
const MONTHS: PatentsViewSimulatorOptions = {
  seed: 11,
  startMonth: '2024-01',
  months: 3,
  patentsPerMonth: (m) => [2300, 700, 1000][m]!,
  withdrawnShare: 0,
};

describe('patentsview through the engine against the simulator', () => {
  it('fetches every month of multi-page cohorts: nothing lost, nothing twice', async () => {
    const { sim, store } = await setup({ ...MONTHS, rateLimit: null });
    const source = patentsview({ baseUrl: sim.baseUrl, apiKey: sim.apiKey });
    const keys = monthPartitionKeys(sim);
    const results = await runSource({
      store,
      source,
      partitionKeys: keys,
      quota: FAIL_FAST_TEST_QUOTA,
      parallel: 3,
    });

    expect(results.map((r) => [r.partitionKey, r.outcome, r.error])).toEqual(
      keys.map((k) => [k, 'complete', null]),
    );
    expect(results.map((r) => r.counts.slices)).toEqual([3, 1, 2]);
    for (const result of results) {
      expect(result.counts.unchanged, result.partitionKey).toBe(0);
      expect(result.counts.written).toBe(expectedIds(sim, result.partitionKey).length);
      expect(result.counts.apiCalls).toBe(result.counts.slices);
    }
    await expectTruth(sim, store, keys);
    expect(await store.countRecords({ source: 'patentsview' })).toBe(sim.size);
    expect(sim.stats()).toMatchObject({ handlerErrors: 0, throttled: 0 });
    expect(sim.stats().status['2xx']).toBe(6);
  });

  it('resumes after a failure mid-partition from its checkpoint, repeating only the failed slice', async () => {
    const { sim, store } = await setup({ ...MONTHS, months: 1, rateLimit: null });
    const source = patentsview({ baseUrl: sim.baseUrl, apiKey: sim.apiKey });
    const [key] = monthPartitionKeys(sim);
    const quota: Quota = {
      ...FAIL_FAST_TEST_QUOTA,
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    };

    // After slice 1 commits, the API fails more often than the retries allow.
    const broken = await runSource({
      store,
      source,
      partitionKeys: [key!],
      quota,
      hooks: { afterCommit: ({ slice }) => (slice === 1 ? sim.injectNext('http502', 2) : undefined) },
    });
    expect(broken[0]).toMatchObject({ outcome: 'failed', counts: { slices: 1, written: 1000, apiCalls: 3 } });
    expect(broken[0]!.error?.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
    const checkpoint = await store.getCheckpoint(key!);
    const firstPageLast = expectedIds(sim, key!)[999];
    expect(checkpoint?.cursor).toEqual({ after: firstPageLast });

    sim.resetStats();
    const resumed = await runSource({ store, source, partitionKeys: [key!], quota });
    expect(resumed[0]).toMatchObject({ outcome: 'complete', resumed: true });
    // Slices 2 and 3 only: the committed first page is not asked for again.
    expect(resumed[0]!.counts).toMatchObject({ slices: 2, apiCalls: 2, written: 1300, unchanged: 0 });
    expect(sim.stats().requests).toBe(2);
    await expectTruth(sim, store, [key!]);
  });

  // Scaled down 40 times on both sides (45 per 1.5 s): the default quota's spacing against the
  // simulator's sliding window of the real limit. The spacing leaves the same 30 ms of slack
  // as at full scale (45 × 34 ms = 1,530 ms), and 1.5 s is slow enough for this engine to fill.
  it('keeps to 45 requests a minute with the default quota: no 429, no violation', async () => {
    const scaled: Quota = { ...PATENTSVIEW_DEFAULT_QUOTA, intervalMs: 1500, timeoutMs: 5000 };
    const { sim, store } = await setup({ ...MONTHS, rateLimit: { requests: 45, intervalMs: 1500 } });
    const source = patentsview({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, pageSize: 40 });
    const keys = monthPartitionKeys(sim);
    const results = await runSource({ store, source, partitionKeys: keys, quota: scaled, parallel: 3 });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete', 'complete']);
    const calls = totalCounts(results).apiCalls;
    expect(calls).toBe(58 + 18 + 26);
    const stats = sim.stats();
    expect(stats).toMatchObject({ violations: 0, throttled: 0 });
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    // The window is really full: some 1.5 s span holds 40 or more requests.
    const at = stats.log.map((e) => e.at).sort((a, b) => a - b);
    const busiest = Math.max(...at.map((t, i) => at.filter((u, j) => j >= i && u < t + 1500).length));
    expect(busiest).toBeGreaterThanOrEqual(40);
    await expectTruth(sim, store, keys);
  }, 30_000);

  it('would be throttled without its quota: the simulator counts what a greedy client sends', async () => {
    // A tighter limit than the test above, so even a slow machine sends too fast without the quota.
    const { sim, store } = await setup({ ...MONTHS, rateLimit: { requests: 15, intervalMs: 1500 } });
    const source = patentsview({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, pageSize: 100 });
    const greedy: Quota = {
      ...FAIL_FAST_TEST_QUOTA,
      maxConcurrent: 3,
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 2000 },
    };
    const keys = monthPartitionKeys(sim);
    const results = await runSource({ store, source, partitionKeys: keys, quota: greedy, parallel: 3 });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete', 'complete']);
    expect(sim.stats().violations).toBeGreaterThan(0);
    expect(sim.stats().throttled).toBeGreaterThan(0);
    await expectTruth(sim, store, keys);
  }, 30_000);

  it('completes every month through 10% injected faults of every kind, losing nothing', async () => {
    const { sim, store } = await setup({ ...MONTHS, rateLimit: null });
    // Seed 7 meets every fault kind within this run's ~163 slices (draws go by request order).
    sim.setFaults({ rate: 0.1, seed: 7, timeoutMs: 1000, slowMs: 30 });
    const source = patentsview({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, pageSize: 25 });
    const keys = monthPartitionKeys(sim);
    // A short client timeout, so a held request times out and is retried; maxDelayMs above the
    // simulated 503's Retry-After of 1 s, so it is waited out.
    const quota: Quota = {
      ...FAIL_FAST_TEST_QUOTA,
      timeoutMs: 250,
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 1500 },
    };
    const results = await runSource({ store, source, partitionKeys: keys, quota, parallel: 3 });

    expect(results.map((r) => [r.outcome, r.error?.message])).toEqual(
      keys.map(() => ['complete', undefined]),
    );
    for (const result of results) expect(result.counts.unchanged, result.partitionKey).toBe(0);
    await expectTruth(sim, store, keys);
    expect(await store.countRecords({ source: 'patentsview' })).toBe(sim.size);

    const stats = sim.stats();
    const faults = Object.entries(stats.faultsInjected).filter(([, n]) => n > 0);
    const { retries, slices, apiCalls: calls } = totalCounts(results);
    // Every kind that replaces or spoils an answer was met and retried past.
    for (const kind of FAULT_KINDS) expect(stats.faultsInjected[kind], kind).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);
    console.info(
      `[patentsview 10% faults] slices ${slices}, requests ${stats.requests}, API calls ${calls}, retries ${retries}, faults ${JSON.stringify(Object.fromEntries(faults))}`,
    );
  }, 60_000);

  it('stops the source on a refused key: AUTH_FAILED, later months deferred, the key in no error', async () => {
    const { sim, store } = await setup({ ...MONTHS, rateLimit: null });
    const wrong = 'wrong.key-that-must-stay-secret';
    const source = patentsview({ baseUrl: sim.baseUrl, apiKey: wrong });
    const results = await runSource({
      store,
      source,
      partitionKeys: monthPartitionKeys(sim),
      quota: FAIL_FAST_TEST_QUOTA,
      parallel: 1,
    });
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'deferred', 'deferred']);
    expect(results[0]!.error?.code).toBe(ErrorCodes.AUTH_FAILED);
    expect(JSON.stringify(results)).not.toContain(wrong);
    expect(sim.stats().requests).toBe(1);
  });

  it('picks up changed patents on a refresh, rewriting only those', async () => {
    const { sim, store } = await setup({ ...MONTHS, months: 2, rateLimit: null });
    const source = patentsview({ baseUrl: sim.baseUrl, apiKey: sim.apiKey });
    const keys = monthPartitionKeys(sim);
    await runSource({ store, source, partitionKeys: keys, quota: FAIL_FAST_TEST_QUOTA });
    const { changed } = sim.mutate({ fraction: 0.05, seed: 9 });
    const refreshed = await runSource({
      store,
      source,
      partitionKeys: keys,
      quota: FAIL_FAST_TEST_QUOTA,
      refresh: true,
    });
    const { written, unchanged } = totalCounts(refreshed);
    expect(written).toBe(changed.length);
    expect(unchanged).toBe(sim.size - changed.length);
  });
});
