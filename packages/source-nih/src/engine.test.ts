import {
  ErrorCodes,
  executePartitions,
  type Logger,
  parsePartitionKey,
  type Quota,
  type Store,
  silentLogger,
} from '@freshet/core';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import {
  engineSource,
  engineTestSetup,
  expectEachFaultRetriedOnce,
  FAIL_FAST_TEST_QUOTA,
  runSource,
  storedKeys,
  totalCounts,
} from '@freshet/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { NIH_DEFAULT_QUOTA } from './defaults.js';
import { nih } from './source.js';
import { expectedApplIds, weekPartitionKeys } from './test-support.js';

const { setup } = engineTestSetup(startNihSimulator);

/** Every project of each partition stored once, equal to what the API serves now. */
async function expectTruth(sim: NihSimulator, store: Store, keys: string[], activityCodes?: string[]) {
  for (const key of keys) {
    const expected = expectedApplIds(sim, key, activityCodes);
    expect(await storedKeys(store, 'nih', key), key).toEqual([...expected].sort());
    for (const applId of expected) {
      const record = await store.getRecord('nih', applId);
      expect(record?.payload, applId).toEqual(sim.project(Number(applId)));
    }
  }
}

describe('nih through the engine against the simulator', () => {
  it('fetches every week of multi-page cohorts: nothing lost, nothing twice', async () => {
    const { sim, store } = await setup({
      seed: 7,
      weeks: 4,
      projectsPerWeek: (w) => 300 + 80 * w,
      rateLimit: null,
    });
    const source = nih({ baseUrl: sim.baseUrl, limit: 100 });
    const keys = weekPartitionKeys(sim);
    const results = await runSource({ store, source, partitionKeys: keys, quota: FAIL_FAST_TEST_QUOTA });

    expect(results.map((r) => [r.outcome, r.error])).toEqual(keys.map(() => ['complete', null]));
    for (const result of results) {
      expect(result.counts.slices, result.partitionKey).toBeGreaterThanOrEqual(3);
      expect(result.counts.unchanged, result.partitionKey).toBe(0);
      expect(result.counts.written).toBe(expectedApplIds(sim, result.partitionKey).length);
      expect(result.counts.apiCalls).toBe(result.counts.slices);
    }
    await expectTruth(sim, store, keys);
    const stats = sim.stats();
    expect(stats.status['2xx']).toBe(totalCounts(results).apiCalls);
    // R01/U01 awards of the same weeks stay out.
    expect(await store.countRecords({ source: 'nih' })).toBeLessThan(sim.size);
  });

  // At the real pace: a scaled-down limit shrinks the default quota's 50 ms margin with it,
  // below the event-loop stalls of a busy test run.
  it('keeps to the real 1 request a second with the default quota: no 429, no violation', async () => {
    const { sim, store } = await setup({ seed: 8, weeks: 2, projectsPerWeek: 120 });
    const source = nih({ baseUrl: sim.baseUrl, limit: 40 });
    const keys = weekPartitionKeys(sim);
    const started = Date.now();
    const results = await runSource({ store, source, partitionKeys: keys, quota: NIH_DEFAULT_QUOTA });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete']);
    const calls = totalCounts(results).apiCalls;
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual((calls - 1) * 1000);
    const log = [...sim.stats().log].sort((a, b) => a.at - b.at);
    for (let i = 1; i < log.length; i++) expect(log[i]!.at - log[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    expect(sim.stats()).toMatchObject({ violations: 0, throttled: 0 });
    await expectTruth(sim, store, keys);
  }, 30_000);

  it('resumes from its checkpoint after a failure mid-partition, repeating only the failed slice', async () => {
    const { sim, store } = await setup({ seed: 9, weeks: 1, projectsPerWeek: 400, rateLimit: null });
    const source = nih({ baseUrl: sim.baseUrl, limit: 50 });
    const [key] = weekPartitionKeys(sim) as [string];
    const attempts = FAIL_FAST_TEST_QUOTA.retry.maxAttempts;

    const first = await runSource({
      store,
      source,
      partitionKeys: [key],
      quota: FAIL_FAST_TEST_QUOTA,
      // After slice 2 commits, the API fails every attempt of slice 3.
      hooks: { afterCommit: ({ slice }) => (slice === 2 ? sim.injectNext('http500', attempts) : undefined) },
    });
    expect(first[0]).toMatchObject({ outcome: 'failed', error: { code: ErrorCodes.UPSTREAM_UNAVAILABLE } });
    const checkpoint = await store.getCheckpoint(key);
    expect(checkpoint).toMatchObject({ status: 'failed', counts: { slices: 2, written: 99 } });
    expect(checkpoint?.cursor).toMatchObject({ offset: 99, restarts: 0 });
    expect(await store.countRecords({ partitionKey: key })).toBe(99);

    const second = await runSource({ store, source, partitionKeys: [key], quota: FAIL_FAST_TEST_QUOTA });
    expect(second[0]).toMatchObject({ outcome: 'complete', resumed: true });
    const expected = expectedApplIds(sim, key);
    const pages = 1 + Math.ceil((expected.length - 50) / 49);
    expect(second[0]!.counts.slices).toBe(pages - 2);
    expect(second[0]!.counts.unchanged).toBe(0);

    const statuses = sim.stats().log.map((entry) => entry.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(pages);
    expect(statuses.filter((s) => s === 500)).toHaveLength(attempts);
    await expectTruth(sim, store, [key]);
    for (const applId of expected) expect((await store.getRecord('nih', applId))?.revision).toBe(1);
  });

  it('completes every week with 10% of responses faulty (every kind), losing and repeating nothing', async () => {
    const { sim, store } = await setup({
      seed: 10,
      weeks: 6,
      projectsPerWeek: 400,
      rateLimit: null,
      faults: { rate: 0.1, seed: 4, timeoutMs: 1500, slowMs: 30 },
    });
    const source = nih({ baseUrl: sim.baseUrl, limit: 5 });
    const keys = weekPartitionKeys(sim);
    // maxDelayMs covers the 503 page's Retry-After: 1.
    const quota: Quota = {
      ...FAIL_FAST_TEST_QUOTA,
      timeoutMs: 300,
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 2000 },
    };
    const results = await runSource({ store, source, partitionKeys: keys, quota });

    expect(results.map((r) => [r.outcome, r.error])).toEqual(keys.map(() => ['complete', null]));
    for (const result of results) expect(result.counts.unchanged).toBe(0);
    await expectTruth(sim, store, keys);
    const stats = sim.stats();
    const { retries, slices } = expectEachFaultRetriedOnce(stats, results);
    console.info(
      `[nih 10% fault run] ${stats.requests} requests, ${slices} slices, ${retries} retries; faults: ${JSON.stringify(stats.faultsInjected)}`,
    );
  }, 60_000);

  it('fails a week too large to page through at once, with COHORT_TOO_LARGE and no records', async () => {
    const { sim, store } = await setup({
      seed: 11,
      weeks: 2,
      projectsPerWeek: 60,
      hugeWeeks: [1],
      rateLimit: null,
    });
    const keys = weekPartitionKeys(sim);
    const source = nih({ baseUrl: sim.baseUrl });
    const results = await runSource({ store, source, partitionKeys: keys, quota: FAIL_FAST_TEST_QUOTA });
    expect(results[0]!.outcome).toBe('complete');
    expect(results[1]).toMatchObject({
      outcome: 'failed',
      counts: { apiCalls: 1, written: 0 },
      error: { code: ErrorCodes.COHORT_TOO_LARGE },
    });
    expect(results[1]!.error?.message).toContain(
      `${keys[1]} matches ${sim.count(sim.weekCriteria(1)).toLocaleString('en-US')} projects`,
    );
    expect(results[1]!.error?.message).toContain('narrow the cohort');
    expect(await store.countRecords({ partitionKey: keys[1]! })).toBe(0);

    // Narrowed to fewer activity codes, the same week pages through.
    const narrowed = nih({ baseUrl: sim.baseUrl, activityCodes: ['SB1', 'U44'] });
    const [again] = await runSource({
      store,
      source: narrowed,
      partitionKeys: [keys[1]!],
      quota: FAIL_FAST_TEST_QUOTA,
    });
    expect(again!.outcome).toBe('complete');
    await expectTruth(sim, store, [keys[1]!], ['SB1', 'U44']);
  });

  it('pages a week of more than 15,000 projects past offset 14,999, every project once', async () => {
    const { sim, store } = await setup({
      seed: 1,
      weeks: 2,
      projectsPerWeek: 10,
      hugeWeeks: [1],
      hugeWeekProjects: 21_400,
      rateLimit: null,
    });
    const [, key] = weekPartitionKeys(sim) as [string, string];
    const total = sim.count(sim.weekCriteria(1));
    expect(total).toBeGreaterThan(15_000);
    expect(total).toBeLessThanOrEqual(15_499);
    const source = nih({ baseUrl: sim.baseUrl });
    const [result] = await runSource({ store, source, partitionKeys: [key], quota: FAIL_FAST_TEST_QUOTA });
    expect(result).toMatchObject({ outcome: 'complete', counts: { written: total, unchanged: 0 } });
    expect(await storedKeys(store, 'nih', key)).toEqual(expectedApplIds(sim, key).sort());
  }, 60_000);

  it('pages a week through an API that ignores the appl_id sort: every project once, one warning', async () => {
    const { sim, store } = await setup({
      seed: 13,
      weeks: 2,
      projectsPerWeek: 400,
      rateLimit: null,
      resultOrder: 'relevance',
    });
    const source = nih({ baseUrl: sim.baseUrl, limit: 40 });
    const keys = weekPartitionKeys(sim);
    const warnings: Array<{ partition: unknown; message: string }> = [];
    const logger: Logger = {
      ...silentLogger,
      warn: (fields, message) => warnings.push({ partition: fields.partition, message }),
    };
    const engine = engineSource(source, FAIL_FAST_TEST_QUOTA, store);
    try {
      const results = await executePartitions({
        store,
        sources: new Map([[source.id, engine]]),
        work: keys.map((key) => ({ partition: parsePartitionKey(key, { nih: source.cohort }) })),
        runId: 'unsorted',
        logger,
      });
      expect(results.map((r) => [r.outcome, r.error])).toEqual(keys.map(() => ['complete', null]));
      for (const result of results) {
        expect(result.counts.slices).toBeGreaterThanOrEqual(6);
        expect(result.counts.written).toBe(expectedApplIds(sim, result.partitionKey).length);
        expect(result.counts.unchanged).toBe(0);
      }
    } finally {
      await engine.limiter.stop();
    }
    await expectTruth(sim, store, keys);
    expect(warnings.map((w) => w.partition).sort()).toEqual([...keys].sort());
    for (const { message } of warnings) expect(message).toContain('ignored sort_field appl_id');
  });

  it('fails a week clearly, storing nothing twice, when the API’s order changes on every request', async () => {
    const { sim, store } = await setup({ seed: 14, weeks: 1, projectsPerWeek: 300, rateLimit: null });
    sim.setResultOrder('shuffled');
    const source = nih({ baseUrl: sim.baseUrl, limit: 40 });
    const [key] = weekPartitionKeys(sim) as [string];
    const [result] = await runSource({ store, source, partitionKeys: [key], quota: FAIL_FAST_TEST_QUOTA });
    expect(result).toMatchObject({ outcome: 'failed', error: { code: ErrorCodes.UPSTREAM_UNAVAILABLE } });
    expect(result!.error?.message).toContain('order');
    // What was stored is real and stored once; the week is not marked complete.
    const expected = new Set(expectedApplIds(sim, key));
    const stored = await storedKeys(store, 'nih', key);
    expect(stored.every((id) => expected.has(id))).toBe(true);
    expect(new Set(stored).size).toBe(stored.length);
    expect((await store.getCheckpoint(key))?.status).toBe('failed');
  });

  it('a refresh after an upstream change rewrites exactly the changed projects', async () => {
    const { sim, store } = await setup({ seed: 12, weeks: 3, projectsPerWeek: 200, rateLimit: null });
    const source = nih({ baseUrl: sim.baseUrl, limit: 100 });
    const keys = weekPartitionKeys(sim);
    await runSource({ store, source, partitionKeys: keys, quota: FAIL_FAST_TEST_QUOTA });
    const ours = new Set(keys.flatMap((key) => expectedApplIds(sim, key)));
    const { changed } = sim.mutate({ fraction: 0.1, seed: 3 });
    const changedOurs = changed.map(String).filter((id) => ours.has(id));
    expect(changedOurs.length).toBeGreaterThan(0);

    const refreshed = await runSource({
      store,
      source,
      partitionKeys: keys,
      quota: FAIL_FAST_TEST_QUOTA,
      refresh: true,
    });
    expect(totalCounts(refreshed).written).toBe(changedOurs.length);
    expect(totalCounts(refreshed).unchanged).toBe(ours.size - changedOurs.length);
    for (const id of changedOurs) expect((await store.getRecord('nih', id))?.revision).toBe(2);
    await expectTruth(sim, store, keys);
  });
});
