import { ErrorCodes, nextUtcMidnight, type Quota, type Store } from '@freshet/core';
import { FAULT_KINDS, type SamGovSimulator, startSamGovSimulator } from '@freshet/testkit';
import {
  closeAfterEach,
  runSource,
  storedRecords,
  tempFileStore,
  totalCounts,
} from '@freshet/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { batchUeis } from './batches.js';
import { SAM_GOV_DEFAULT_QUOTA } from './defaults.js';
import { samGov } from './source.js';

const FAST: Quota = {
  maxConcurrent: 4,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 5_000,
  retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 200 },
};

const track = closeAfterEach();

async function setUp(
  options: Parameters<typeof startSamGovSimulator>[0] & {
    found: number;
    missing: number;
    batchSize?: number;
  },
) {
  const { found, missing, batchSize, ...simOptions } = options;
  const sim = track(await startSamGovSimulator({ rateLimit: null, ...simOptions }));
  const { store } = track(await tempFileStore());
  // Every third registered UEI, plus UEIs SAM.gov has no registration for.
  const ueis = [
    ...sim
      .ueis()
      .filter((_, i) => i % 3 === 0)
      .slice(0, found),
    ...sim.missingUeis(missing),
  ];
  const source = samGov({
    apiKey: sim.apiKey,
    baseUrl: sim.baseUrl,
    ueis,
    ...(batchSize ? { batchSize } : {}),
  });
  const partitions = await source.listPartitions({ options: source.options, now: new Date() });
  const list = [...new Set(ueis)].sort();
  const batchOf = (ordinal: number) => batchUeis(list, ordinal, source.options.batchSize) ?? [];
  return { sim, store, source, keys: partitions.map((c) => `sam_gov:${c.key}`), batchOf };
}

async function expectTruth(sim: SamGovSimulator, store: Store, key: string, ueis: string[]) {
  const truth = sim.truth(ueis, { includeSections: ['entityRegistration', 'coreData'] });
  const records = await storedRecords(store, 'sam_gov', key);
  expect([...records.keys()].sort(), key).toEqual(truth.map((e) => e.entityRegistration!.ueiSAM));
  for (const entity of truth) expect(records.get(entity.entityRegistration!.ueiSAM)).toEqual(entity);
  for (const uei of ueis.filter((u) => !records.has(u))) {
    expect((await store.getLedgerEntry('sam_gov', uei))?.status, uei).toBe('not_found');
  }
}

describe('sam_gov through the engine, against the simulator', () => {
  it('fetches every batch page by page: every registration once, the rest not_found', async () => {
    const { sim, store, source, keys, batchOf } = await setUp({
      seed: 4,
      entities: 900,
      found: 240,
      missing: 25,
    });
    expect(keys).toEqual(['sam_gov:uei_batch_0001', 'sam_gov:uei_batch_0002', 'sam_gov:uei_batch_0003']);
    const results = await runSource({ store, source, partitionKeys: keys, quota: FAST });
    expect(results.map((r) => [r.outcome, r.error])).toEqual(keys.map(() => ['complete', null]));
    for (const [i, result] of results.entries()) {
      const ueis = batchOf(i + 1);
      const found = sim.truth(ueis).length;
      expect(result.counts).toMatchObject({
        slices: Math.max(1, Math.ceil(found / 10)),
        written: found,
        unchanged: 0,
        notFound: ueis.length - found,
      });
      await expectTruth(sim, store, keys[i]!, ueis);
    }
    expect(totalCounts(results).notFound).toBe(25);
    expect(sim.stats().handlerErrors).toBe(0);
  });

  it('resumes after a failure mid-partition, repeating only the failed slice', async () => {
    const { sim, store, source, keys, batchOf } = await setUp({
      seed: 5,
      entities: 600,
      found: 100,
      missing: 0,
    });
    const key = keys[0]!;
    const [failed] = await runSource({
      store,
      source,
      partitionKeys: [key],
      quota: FAST,
      hooks: {
        afterFetch: ({ slice }) => {
          if (slice === 5) throw new Error('crash after fetching slice 5');
        },
      },
    });
    expect(failed).toMatchObject({ outcome: 'failed', counts: { slices: 4, written: 40 } });
    expect((await store.getCheckpoint(key))?.cursor).toMatchObject({ page: 4 });
    expect(sim.stats().requests).toBe(5);

    const [resumed] = await runSource({ store, source, partitionKeys: [key], quota: FAST });
    expect(resumed).toMatchObject({
      outcome: 'complete',
      resumed: true,
      counts: { slices: 6, written: 60, unchanged: 0 },
    });
    // Ten pages in all; only page 4 (the fifth slice) was asked for twice.
    expect(sim.stats().requests).toBe(11);
    await expectTruth(sim, store, key, batchOf(1));
  });

  it("keeps to the key's daily quota with the default quota: never a request the API refuses", async () => {
    // The default quota against the simulator's default (a key with a role: 1,000 a day).
    const { sim, store, source, keys } = await setUp({
      seed: 6,
      entities: 300,
      found: 30,
      missing: 3,
      batchSize: 20,
      rateLimit: undefined,
    });
    expect(sim.dailyLimit).toBe(SAM_GOV_DEFAULT_QUOTA.dailyBudget);
    const results = await runSource({ store, source, partitionKeys: keys });
    expect(results.map((r) => r.outcome)).toEqual(keys.map(() => 'complete'));
    expect(sim.stats().violations).toBe(0);
  });

  it('stops at its own daily budget before the API refuses (scaled down: 10 a day both sides)', async () => {
    const { sim, store, source, keys } = await setUp({
      seed: 7,
      entities: 900,
      found: 250,
      missing: 0,
      batchSize: 60,
      role: 'personal',
      rateLimit: undefined,
    });
    expect(sim.dailyLimit).toBe(10);
    const quota = { ...SAM_GOV_DEFAULT_QUOTA, dailyBudget: 10 };
    const results = await runSource({
      store,
      source,
      partitionKeys: keys,
      quota,
      parallel: 1,
    });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'failed', 'deferred', 'deferred', 'deferred']);
    expect(results[1]!.error?.code).toBe(ErrorCodes.QUOTA_EXHAUSTED);
    expect(results.map((r) => r.counts.slices)).toEqual([6, 4, 0, 0, 0]);
    const stats = sim.stats();
    expect([stats.requests, stats.throttled, stats.violations]).toEqual([10, 0, 0]);
    // What was fetched is kept: the partition resumes from page 4 after the reset.
    expect((await store.getCheckpoint(keys[1]!))?.cursor).toMatchObject({ page: 4 });
  }, 30_000);

  it("stops until midnight UTC when the API says the key's quota is spent, without retrying", async () => {
    const { sim, store, source, keys } = await setUp({
      seed: 8,
      entities: 900,
      found: 250,
      missing: 0,
      role: 'personal',
      rateLimit: undefined,
    });
    // Someone else used 8 of the key's 10 requests today.
    for (let i = 0; i < 8; i++)
      await fetch(`${sim.baseUrl}/entity-information/v3/entities?size=1`, {
        headers: { 'x-api-key': sim.apiKey },
      });
    const results = await runSource({
      store,
      source,
      partitionKeys: keys,
      quota: FAST,
      parallel: 1,
    });
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'deferred', 'deferred']);
    const error = results[0]!.error!;
    expect(error.code).toBe(ErrorCodes.QUOTA_EXHAUSTED);
    expect(error.message).toContain(`it resets at ${nextUtcMidnight(new Date()).toISOString()}`);
    expect(error.message).toContain('Message throttled out: You have exceeded your quota.');
    expect(results[2]!.error?.code).toBe(ErrorCodes.QUOTA_EXHAUSTED);
    const stats = sim.stats();
    expect([stats.requests, stats.throttled]).toEqual([11, 1]);
    expect(results[0]!.counts.slices).toBe(2);
  });

  it('refuses a bad key as AUTH_FAILED, never showing the key', async () => {
    const sim = track(await startSamGovSimulator({ entities: 50, rateLimit: null }));
    const { store } = track(await tempFileStore());
    const source = samGov({
      apiKey: 'wrong-key-1234',
      baseUrl: sim.baseUrl,
      ueis: sim.ueis().slice(0, 30),
      batchSize: 10,
    });
    const keys = ['sam_gov:uei_batch_0001', 'sam_gov:uei_batch_0002', 'sam_gov:uei_batch_0003'];
    const results = await runSource({
      store,
      source,
      partitionKeys: keys,
      quota: FAST,
      parallel: 1,
    });
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'deferred', 'deferred']);
    expect(results[0]!.error?.code).toBe(ErrorCodes.AUTH_FAILED);
    expect(results[0]!.error?.message).toContain(
      'An invalid API key was supplied. Please submit with a valid API key.',
    );
    expect(JSON.stringify(results)).not.toContain('wrong-key-1234');
  });

  it("rejects what the API refuses with the API's words", async () => {
    const { sim, store, keys } = await setUp({ entities: 50, found: 10, missing: 0 });
    // A batch of 101 UEIs cannot come from the options; ask the API for it directly instead.
    const res = await fetch(
      `${sim.baseUrl}/entity-information/v3/entities?ueiSAM=[${sim.missingUeis(101).join('~')}]`,
      { headers: { 'x-api-key': sim.apiKey } },
    );
    expect(res.status).toBe(400);
    const { classifySamGovResponse } = await import('./classify.js');
    const verdict = classifySamGovResponse({
      status: 400,
      headers: {},
      text: await res.text(),
      url: '',
      attempts: 1,
    });
    expect(verdict).toMatchObject({
      code: ErrorCodes.REQUEST_REJECTED,
      message: 'More than 100 UEI SAM are not allowed. Please limit the number of UEI SAM to 100.',
    });
    expect(keys).toHaveLength(1);
    expect(store).toBeDefined();
  });

  it('fails with SCHEMA_DRIFT naming the field when the API renames it', async () => {
    const { sim, store, source, keys } = await setUp({ entities: 100, found: 20, missing: 0 });
    sim.setFaults({ schemaChange: true });
    const [result] = await runSource({ store, source, partitionKeys: [keys[0]!], quota: FAST });
    expect(result!.error?.code).toBe(ErrorCodes.SCHEMA_DRIFT);
    expect(result!.error?.message).toContain('entityData[0].entityRegistration.ueiSAM');
    expect(await store.countRecords({ source: 'sam_gov' })).toBe(0);
  });

  it('completes every partition with 10% of answers broken in every way, losing and repeating nothing', async () => {
    const { sim, store, source, keys, batchOf } = await setUp({
      seed: 9,
      entities: 6_000,
      found: 2_000,
      missing: 100,
      faults: { rate: 0.1, kinds: FAULT_KINDS, seed: 3, timeoutMs: 1_500, slowMs: 100 },
    });
    // Besides the 10% drawn at random, every kind at least once.
    for (const kind of FAULT_KINDS) sim.injectNext(kind, 1);
    const quota: Quota = {
      ...FAST,
      timeoutMs: 500,
      retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 1_500 },
    };
    const results = await runSource({
      store,
      source,
      partitionKeys: keys,
      quota,
      parallel: 4,
    });
    expect(results.map((r) => [r.partitionKey, r.outcome, r.error?.message])).toEqual(
      keys.map((key) => [key, 'complete', undefined]),
    );
    for (const [i, result] of results.entries()) {
      expect(result.counts.unchanged, result.partitionKey).toBe(0);
      await expectTruth(sim, store, keys[i]!, batchOf(i + 1));
    }
    const stats = sim.stats();
    const faults = Object.values(stats.faultsInjected).reduce((a, b) => a + b, 0);
    const { retries, slices, apiCalls: calls } = totalCounts(results);
    // The figures go in the adapter's report.
    console.log(
      `[sam_gov 10% faults] partitions ${keys.length}, slices ${slices}, API calls ${calls}, retries ${retries}, faults injected ${faults}`,
      JSON.stringify(stats.faultsInjected),
    );
    for (const kind of FAULT_KINDS) expect(stats.faultsInjected[kind], kind).toBeGreaterThan(0);
    const replacing = faults - stats.faultsInjected.slow;
    expect(retries).toBeGreaterThanOrEqual(replacing);
    expect(calls).toBe(slices + retries);
    expect(stats.handlerErrors).toBe(0);
  }, 60_000);
});
