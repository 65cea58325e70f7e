import { ErrorCodes, nextUtcMidnight, type Quota, type Store } from '@freshet/core';
import { FAULT_KINDS, type SamGovSimulator, startSamGovSimulator } from '@freshet/testkit';
import { engineTestSetup, runSource, storedRecords, totalCounts } from '@freshet/testkit/conformance';
import { describe, expect, it } from 'vitest';
import { batchUeis } from './batches.js';
import { SAM_GOV_DEFAULT_QUOTA } from './defaults.js';
import { samGovRecordKey } from './record-key.js';
import { samGov } from './source.js';
import type { SamGovEntity } from './types.js';

const FAST: Quota = {
  maxConcurrent: 4,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 5_000,
  retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 200 },
};

const { setup: startWithStore } = engineTestSetup(startSamGovSimulator);

async function setUp(
  options: Parameters<typeof startSamGovSimulator>[0] & {
    found: number;
    missing: number;
    batchSize?: number;
  },
) {
  const { found, missing, batchSize, ...simOptions } = options;
  const { sim, store } = await startWithStore({ rateLimit: null, ...simOptions });
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
  const keys = partitions.map((c) => `sam_gov:${c.key}`);
  /** Every partition, one at a time: the order a key's daily quota is spent in. */
  const runInTurn = (quota: Quota) => runSource({ store, source, partitionKeys: keys, quota, parallel: 1 });
  return { sim, store, source, keys, batchOf, runInTurn };
}

/** 250 of 900 registrations to fetch with a personal key: 10 requests a day, the simulator's limit on. */
const withPersonalKey = (seed: number, batchSize?: number) =>
  setUp({
    seed,
    entities: 900,
    found: 250,
    missing: 0,
    ...(batchSize ? { batchSize } : {}),
    role: 'personal',
    rateLimit: undefined,
  });

/** Every registration the API holds for the UEIs stored under its own key; the UEIs it has none for `not_found`. */
async function expectTruth(sim: SamGovSimulator, store: Store, key: string, ueis: string[]) {
  const truth = sim.truth(ueis, {
    includeSections: ['entityRegistration', 'coreData'],
  }) as unknown as SamGovEntity[];
  const records = await storedRecords(store, 'sam_gov', key);
  expect([...records.keys()].sort(), key).toEqual(truth.map(samGovRecordKey).sort());
  for (const entity of truth) expect(records.get(samGovRecordKey(entity))).toEqual(entity);
  const found = new Set(truth.map((e) => e.entityRegistration.ueiSAM));
  for (const uei of ueis.filter((u) => !found.has(u))) {
    expect((await store.getLedgerEntry('sam_gov', uei))?.status, uei).toBe('not_found');
  }
}

/** The pages a batch's look-up takes: one per 10 registrations. */
const pagesOf = (sim: SamGovSimulator, ueis: string[]) => Math.max(1, Math.ceil(sim.truth(ueis).length / 10));

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
      const registrations = sim.truth(ueis);
      const found = new Set(registrations.map((e) => e.entityRegistration!.ueiSAM)).size;
      expect(result.counts).toMatchObject({
        slices: pagesOf(sim, ueis),
        written: registrations.length,
        unchanged: 0,
        notFound: ueis.length - found,
      });
      await expectTruth(sim, store, keys[i]!, ueis);
    }
    expect(totalCounts(results).notFound).toBe(25);
    expect(sim.stats().handlerErrors).toBe(0);
  });

  it('keeps every registration of a UEI that has several, each under its own key', async () => {
    const { sim, store } = await startWithStore({ seed: 12, entities: 400, rateLimit: null });
    const multi = sim.multiRegistrationUeis().slice(0, 4);
    expect(multi).toHaveLength(4);
    const single = sim.ueis().filter((uei) => !sim.multiRegistrationUeis().includes(uei));
    const ueis = [...multi, ...single.slice(0, 16), ...sim.missingUeis(2)];
    const source = samGov({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, ueis, batchSize: 40 });
    const [result] = await runSource({
      store,
      source,
      partitionKeys: ['sam_gov:uei_batch_0001'],
      quota: FAST,
    });
    const truth = sim.truth(ueis);
    expect(truth.length).toBeGreaterThanOrEqual(20 + 4);
    expect(result).toMatchObject({ outcome: 'complete', counts: { written: truth.length, notFound: 2 } });
    await expectTruth(sim, store, 'sam_gov:uei_batch_0001', ueis);
    const stored = await storedRecords(store, 'sam_gov', 'sam_gov:uei_batch_0001');
    for (const uei of multi) {
      const mine = [...stored.keys()].filter((k) => k.startsWith(uei));
      expect(mine.length, uei).toBe(sim.registrations(uei).length);
      expect(mine).toContain(uei);
    }
  });

  it('refreshes the bare-UEI records of a store from the previous version in place, adding the other registrations', async () => {
    const { sim, store } = await startWithStore({ seed: 12, entities: 400, rateLimit: null });
    const ueis = sim.multiRegistrationUeis().slice(0, 3);
    const partitionKey = 'sam_gov:uei_batch_0001';
    // The previous version keyed by UEI alone: the last registration of each UEI overwrote the rest.
    const old = ueis.map((uei) => {
      const json = JSON.stringify(
        sim.truth([uei], { includeSections: ['entityRegistration', 'coreData'] }).at(-1),
      );
      return { key: uei, json, hash: `old-${uei}` };
    });
    await store.transaction((tx) =>
      tx.upsertRecords({ source: 'sam_gov', partitionKey, records: old, at: new Date() }),
    );
    const source = samGov({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, ueis });
    const [result] = await runSource({ store, source, partitionKeys: [partitionKey], quota: FAST });
    expect(result!.outcome).toBe('complete');
    // Every old key is one of today's keys: none is left behind unrefreshed.
    await expectTruth(sim, store, partitionKey, ueis);
    for (const uei of ueis) expect((await store.getLedgerEntry('sam_gov', uei))?.status).toBe('success');
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
    const total = sim.truth(batchOf(1)).length;
    const pages = pagesOf(sim, batchOf(1));
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(resumed).toMatchObject({
      outcome: 'complete',
      resumed: true,
      counts: { slices: pages - 4, written: total - 40, unchanged: 0 },
    });
    // Only page 4 (the fifth slice) was asked for twice.
    expect(sim.stats().requests).toBe(pages + 1);
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
    const { sim, store, keys, batchOf, runInTurn } = await withPersonalKey(7, 60);
    expect(sim.dailyLimit).toBe(10);
    const results = await runInTurn({ ...SAM_GOV_DEFAULT_QUOTA, dailyBudget: 10 });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'failed', 'deferred', 'deferred', 'deferred']);
    expect(results[1]!.error?.code).toBe(ErrorCodes.QUOTA_EXHAUSTED);
    const first = pagesOf(sim, batchOf(1));
    expect(first).toBeGreaterThanOrEqual(6);
    expect(results.map((r) => r.counts.slices)).toEqual([first, 10 - first, 0, 0, 0]);
    const stats = sim.stats();
    expect([stats.requests, stats.throttled, stats.violations]).toEqual([10, 0, 0]);
    // What was fetched is kept: the partition resumes from where the budget ran out.
    expect((await store.getCheckpoint(keys[1]!))?.cursor).toMatchObject({ page: 10 - first });
  }, 30_000);

  it("stops until midnight UTC when the API says the key's quota is spent, without retrying", async () => {
    const { sim, runInTurn } = await withPersonalKey(8);
    // Someone else used 8 of the key's 10 requests today.
    for (let i = 0; i < 8; i++)
      await fetch(`${sim.baseUrl}/entity-information/v3/entities?size=1&api_key=${sim.apiKey}`);
    const results = await runInTurn(FAST);
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
    const { sim, store } = await startWithStore({ entities: 50, rateLimit: null });
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
      `${sim.baseUrl}/entity-information/v3/entities?api_key=${sim.apiKey}&ueiSAM=[${sim.missingUeis(101).join('~')}]`,
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
