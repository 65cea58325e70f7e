import { ErrorCodes, type Quota, type Store } from '@freshet/core';
import { startUsaspendingSimulator, type UsaspendingSimulator } from '@freshet/testkit';
import {
  engineTestSetup,
  expectEachFaultRetriedOnce,
  FAIL_FAST_TEST_QUOTA,
  runSource,
  storedKeys,
  totalCounts,
} from '@freshet/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { AWARD_TYPE_GROUPS, type AwardTypeGroup } from './award-types.js';
import { USASPENDING_DEFAULT_QUOTA } from './defaults.js';
import { usaspending } from './source.js';
import { expectedAwardKeys, fiscalYearKeys, fiscalYearOf } from './test-support.js';
import type { UsaspendingOptions } from './types.js';

const { setup } = engineTestSetup(startUsaspendingSimulator);

/** Every award of each partition stored once, equal to the row the API serves now. */
async function expectTruth(
  sim: UsaspendingSimulator,
  store: Store,
  keys: string[],
  options: Pick<UsaspendingOptions, 'awardTypeGroups' | 'fields'>,
) {
  for (const key of keys) {
    expect(await storedKeys(store, 'usaspending', key), key).toEqual(
      expectedAwardKeys(sim, key, options.awardTypeGroups),
    );
    for (const group of options.awardTypeGroups) {
      const rows = sim.truth(sim.cohortFilters(fiscalYearOf(key), group), { fields: options.fields[group] });
      for (const row of rows) {
        expect(
          (await store.getRecord('usaspending', row.generated_internal_id))?.payload,
          row.generated_internal_id,
        ).toEqual(row);
      }
    }
  }
}

/** The most requests the simulator received within any `windowMs`. */
function busiestWindow(sim: UsaspendingSimulator, windowMs: number): number {
  const times = sim
    .stats()
    .log.map((entry) => entry.at)
    .sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('usaspending through the engine against the simulator', () => {
  it('fetches every fiscal year, every group, many pages each: nothing lost, nothing twice', async () => {
    const { sim, store } = await setup({
      seed: 7,
      awardsPerYear: { contracts: 260, grants: 190 },
      rateLimit: null,
    });
    const source = usaspending({ baseUrl: sim.baseUrl, limit: 25 });
    const keys = fiscalYearKeys(sim);
    const results = await runSource({ store, source, partitionKeys: keys, quota: FAIL_FAST_TEST_QUOTA });

    expect(results.map((r) => [r.outcome, r.error])).toEqual(keys.map(() => ['complete', null]));
    for (const result of results) {
      const expected = expectedAwardKeys(sim, result.partitionKey);
      expect(result.counts.written, result.partitionKey).toBe(expected.length);
      expect(result.counts.unchanged).toBe(0);
      expect(result.counts.apiCalls).toBe(result.counts.slices);
      // Each group takes ceil(n / 25) pages, one when it is empty: hasNext is exact, no empty tail.
      const pages = AWARD_TYPE_GROUPS.map((group) =>
        Math.max(1, Math.ceil(sim.count(sim.cohortFilters(fiscalYearOf(result.partitionKey), group)) / 25)),
      );
      expect(result.counts.slices).toBe(pages.reduce((a, b) => a + b, 0));
    }
    await expectTruth(sim, store, keys, source.options);
    expect(sim.stats().status['2xx']).toBe(totalCounts(results).apiCalls);
    expect(await store.countRecords({ source: 'usaspending' })).toBe(sim.size);
  });

  it('applies the configured groups and filters to every request', async () => {
    const { sim, store } = await setup({ seed: 8, fiscalYears: 2, rateLimit: null });
    const groups: AwardTypeGroup[] = ['grants', 'direct_payments'];
    const source = usaspending({
      baseUrl: sim.baseUrl,
      awardTypeGroups: groups,
      keywords: ['research', 'test'],
      limit: 10,
    });
    const keys = fiscalYearKeys(sim);
    const results = await runSource({ store, source, partitionKeys: keys, quota: FAIL_FAST_TEST_QUOTA });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete']);
    for (const key of keys) {
      const expected = expectedAwardKeys(sim, key, groups, { keywords: ['research', 'test'] });
      expect(expected.length).toBeGreaterThan(0);
      expect(await storedKeys(store, 'usaspending', key)).toEqual(expected);
    }
  });

  it('resumes from its checkpoint after a failure mid-partition, repeating only the failed slice', async () => {
    const { sim, store } = await setup({ seed: 9, fiscalYears: 1, rateLimit: null });
    const source = usaspending({ baseUrl: sim.baseUrl, awardTypeGroups: ['contracts', 'grants'], limit: 40 });
    const [key] = fiscalYearKeys(sim) as [string];
    const attempts = FAIL_FAST_TEST_QUOTA.retry.maxAttempts;

    const first = await runSource({
      store,
      source,
      partitionKeys: [key],
      quota: FAIL_FAST_TEST_QUOTA,
      // After slice 3 commits, the API fails every attempt of slice 4.
      hooks: { afterCommit: ({ slice }) => (slice === 3 ? sim.injectNext('http500', attempts) : undefined) },
    });
    expect(first[0]).toMatchObject({ outcome: 'failed', error: { code: ErrorCodes.UPSTREAM_UNAVAILABLE } });
    const checkpoint = await store.getCheckpoint(key);
    expect(checkpoint).toMatchObject({ status: 'failed', counts: { slices: 3, written: 120 } });
    expect(checkpoint?.cursor).toMatchObject({
      groupIndex: 0,
      group: 'contracts',
      page: 4,
      after: { id: expect.any(Number) },
    });

    const second = await runSource({ store, source, partitionKeys: [key], quota: FAIL_FAST_TEST_QUOTA });
    expect(second[0]).toMatchObject({ outcome: 'complete', resumed: true });
    // contracts: 240 → 6 pages of 40; grants: 180 → 5 pages.
    const pages = 6 + 5;
    expect(second[0]!.counts.slices).toBe(pages - 3);
    expect(second[0]!.counts.unchanged).toBe(0);
    const statuses = sim.stats().log.map((entry) => entry.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(pages);
    expect(statuses.filter((s) => s === 500)).toHaveLength(attempts);
    await expectTruth(sim, store, [key], source.options);
    for (const id of expectedAwardKeys(sim, key, ['contracts', 'grants'])) {
      expect((await store.getRecord('usaspending', id))?.revision).toBe(1);
    }
  });

  it('keeps to the simulator’s limit with the default quota, scaled down 100× on both sides: no violation', async () => {
    // 120 a minute becomes 120 per 600 ms; the quota's 60.5 s becomes 605 ms. The spike limit
    // of 10 a second scales to 1,000 a second.
    const { sim, store } = await setup({
      seed: 10,
      awardsPerYear: { contracts: 400, grants: 300 },
      rateLimit: { requests: 120, intervalMs: 600, burst: 1000 },
    });
    const quota: Quota = {
      ...USASPENDING_DEFAULT_QUOTA,
      intervalMs: USASPENDING_DEFAULT_QUOTA.intervalMs / 100,
    };
    const source = usaspending({ baseUrl: sim.baseUrl, limit: 10 });
    const keys = fiscalYearKeys(sim);
    const results = await runSource({ store, source, partitionKeys: keys, quota, parallel: 3 });
    expect(results.map((r) => r.outcome)).toEqual(keys.map(() => 'complete'));
    const calls = totalCounts(results).apiCalls;
    expect(calls).toBeGreaterThan(240);
    expect(sim.stats()).toMatchObject({ violations: 0, throttled: 0 });
    const busiest = busiestWindow(sim, 600);
    expect(busiest).toBeLessThanOrEqual(120);
    // The run pressed against the limit, or the check above proves nothing.
    expect(busiest).toBeGreaterThan(60);
    await expectTruth(sim, store, keys, source.options);
  }, 30_000);

  it('keeps the real pace of the default quota: 505 ms between requests, no violation', async () => {
    const { sim, store } = await setup({ seed: 11, fiscalYears: 1, awardsPerYear: 15 });
    const source = usaspending({
      baseUrl: sim.baseUrl,
      awardTypeGroups: ['contracts', 'grants', 'loans'],
      limit: 6,
    });
    const keys = fiscalYearKeys(sim);
    const results = await runSource({ store, source, partitionKeys: keys, quota: USASPENDING_DEFAULT_QUOTA });
    expect(results.map((r) => r.outcome)).toEqual(['complete']);
    const calls = results[0]!.counts.apiCalls;
    expect(calls).toBe(9);
    const log = [...sim.stats().log].sort((a, b) => a.at - b.at);
    for (let i = 1; i < log.length; i++) expect(log[i]!.at - log[i - 1]!.at).toBeGreaterThanOrEqual(500);
    expect(sim.stats()).toMatchObject({ violations: 0, throttled: 0 });
  }, 20_000);

  it('backs off for the Retry-After of a 503 and retries empty replies, as the API answers bursts', async () => {
    const { sim, store } = await setup({ seed: 15, fiscalYears: 1, awardsPerYear: 12 });
    // A 4th request within a second: an empty 200. A 5th within two seconds: a 503 with Retry-After.
    sim.setRateLimit({ requests: 4, intervalMs: 2000, burst: 3 });
    const source = usaspending({ baseUrl: sim.baseUrl, awardTypeGroups: ['contracts', 'grants'], limit: 4 });
    const keys = fiscalYearKeys(sim);
    // Back-offs long enough that the retries of an empty reply outlast the one-second spike window.
    const quota: Quota = {
      ...FAIL_FAST_TEST_QUOTA,
      retry: { maxAttempts: 12, baseDelayMs: 100, maxDelayMs: 2000 },
    };
    const [result] = await runSource({ store, source, partitionKeys: keys, quota });
    expect(result).toMatchObject({ outcome: 'complete', error: null });
    const log = [...sim.stats().log].sort((a, b) => a.at - b.at);
    const { violationsByReason, violations } = sim.stats();
    // Which limit a request trips depends on this machine's timing; that the API throttled at
    // all is certain, and every throttled answer must have been retried the right way.
    expect(violations).toBeGreaterThan(0);
    expect(log.filter((entry) => entry.throttled && entry.status === 200)).toHaveLength(
      violationsByReason.burst,
    );
    expect(log.filter((entry) => entry.throttled && entry.status === 503)).toHaveLength(
      violationsByReason.window,
    );
    expect(result!.retries).toBe(violations);
    for (const [i, entry] of log.entries()) {
      const next = log[i + 1];
      if (entry.status === 503 && next) expect(next.at - entry.at).toBeGreaterThanOrEqual(950);
    }
    await expectTruth(sim, store, keys, source.options);
  }, 30_000);

  it('completes every fiscal year with 10% of responses faulty (every kind), losing and repeating nothing', async () => {
    const { sim, store } = await setup({
      seed: 12,
      awardsPerYear: { contracts: 300, grants: 250 },
      rateLimit: null,
      faults: { rate: 0.1, seed: 4, timeoutMs: 1500, slowMs: 30 },
    });
    const source = usaspending({ baseUrl: sim.baseUrl, limit: 5 });
    const keys = fiscalYearKeys(sim);
    const quota: Quota = {
      ...FAIL_FAST_TEST_QUOTA,
      timeoutMs: 300,
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 2000 },
    };
    const results = await runSource({ store, source, partitionKeys: keys, quota, parallel: 3 });

    expect(results.map((r) => [r.outcome, r.error])).toEqual(keys.map(() => ['complete', null]));
    for (const result of results) expect(result.counts.unchanged).toBe(0);
    await expectTruth(sim, store, keys, source.options);
    const stats = sim.stats();
    const { retries, slices } = expectEachFaultRetriedOnce(stats, results);
    console.info(
      `[usaspending 10% fault run] ${stats.requests} requests, ${slices} slices, ${retries} retries; faults: ${JSON.stringify(stats.faultsInjected)}`,
    );
  }, 60_000);

  it('pages a fiscal year of more than 50,000 grants past the page window with search_after', async () => {
    const { sim, store } = await setup({
      seed: 13,
      firstFiscalYear: 2023,
      fiscalYears: 1,
      awardsPerYear: (_fy, group) => (group === 'grants' ? 50_120 : 0),
      rateLimit: null,
    });
    const source = usaspending({ baseUrl: sim.baseUrl, awardTypeGroups: ['grants'] });
    const [key] = fiscalYearKeys(sim) as [string];
    const [result] = await runSource({ store, source, partitionKeys: [key], quota: FAIL_FAST_TEST_QUOTA });
    expect(result).toMatchObject({
      outcome: 'complete',
      counts: { written: 50_120, unchanged: 0, slices: 502 },
    });
    expect(sim.stats().status).toMatchObject({ '2xx': 502, '4xx': 0, '5xx': 0 });
    expect(await storedKeys(store, 'usaspending', key)).toEqual(expectedAwardKeys(sim, key, ['grants']));
  }, 60_000);

  it('a refresh after an upstream change rewrites exactly the changed awards', async () => {
    const { sim, store } = await setup({ seed: 14, rateLimit: null });
    const source = usaspending({ baseUrl: sim.baseUrl, limit: 50 });
    const keys = fiscalYearKeys(sim);
    await runSource({ store, source, partitionKeys: keys, quota: FAIL_FAST_TEST_QUOTA });
    const { changed } = sim.mutate({ fraction: 0.1, seed: 3 });
    expect(changed.length).toBe(Math.round(0.1 * sim.size));

    const refreshed = await runSource({
      store,
      source,
      partitionKeys: keys,
      quota: FAIL_FAST_TEST_QUOTA,
      refresh: true,
    });
    expect(totalCounts(refreshed).written).toBe(changed.length);
    expect(totalCounts(refreshed).unchanged).toBe(sim.size - changed.length);
    for (const id of changed) expect((await store.getRecord('usaspending', id))?.revision).toBe(2);
    await expectTruth(sim, store, keys, source.options);
  });
});
