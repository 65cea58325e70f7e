import { type AnySource, ErrorCodes, type Quota, type Store } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import type { FaultKind, Simulator } from '../sim/types.js';
import { FAST_TEST_QUOTA, memoryStore, runSource, storedKeys, totalCounts } from './engine.js';
import { closeAfterEach } from './lifecycle.js';
import { recordSliceKeys, sharedKeys } from './slice-keys.js';

export const CONFORMANCE_CHECKS = [
  'listing',
  'paging',
  'distinctKeys',
  'resume',
  'idempotent',
  'rateLimit',
  'schemaDrift',
  'badBodies',
] as const;

export type ConformanceCheck = (typeof CONFORMANCE_CHECKS)[number];

export interface SourceConformanceOptions<S extends Simulator> {
  /** Shown in the test names. */
  name: string;
  /** Starts a small simulator; called for every check. Keep its own rate limit off or generous. */
  startSimulator(): Promise<S>;
  /** The source under test, pointed at `simulator.baseUrl`. */
  createSource(simulator: S): AnySource;
  /** Partition keys to exercise; the first must span three slices or more. */
  partitions(simulator: S): string[];
  /** The record keys a correct run ends with for a partition. */
  expectedKeys(simulator: S, partitionKey: string): string[] | Promise<string[]>;
  /** The quota the engine runs the source with in these tests (fast defaults). */
  quota?: Partial<Quota>;
  /** Checks that do not apply to this source, each with the reason. */
  skip?: Partial<Record<ConformanceCheck, string>>;
}

const BAD_BODIES: FaultKind[] = ['truncated', 'malformed', 'html500', 'emptyBody', 'http503', 'reset'];

/**
 * The behaviour every Freshet source must show, run against its simulator through the full
 * engine: partition listing, paging to the end, one key per record in every slice, resume from
 * every cursor, an idempotent re-run, 429 back-off, schema drift, and bad bodies. Call it from a
 * vitest test file.
 */
export function testSource<S extends Simulator>(options: SourceConformanceOptions<S>): void {
  const quota: Quota = {
    ...FAST_TEST_QUOTA,
    ...options.quota,
    retry: { ...FAST_TEST_QUOTA.retry, ...options.quota?.retry },
  };
  const check = (name: ConformanceCheck, title: string, body: () => Promise<void>) => {
    const reason = options.skip?.[name];
    if (reason) it.skip(`${title} (skipped: ${reason})`, body);
    else it(title, body, 60_000);
  };
  const expectComplete = async (store: Store, simulator: S, source: AnySource, keys: string[]) => {
    for (const key of keys) {
      const expected = [...(await options.expectedKeys(simulator, key))].sort();
      expect(await storedKeys(store, source.id, key), `records of ${key}`).toEqual(expected);
    }
  };

  describe(`source conformance: ${options.name}`, () => {
    const track = closeAfterEach();
    const start = async () => {
      const simulator = track(await options.startSimulator());
      const store = track(await memoryStore());
      return {
        simulator,
        store,
        source: options.createSource(simulator),
        keys: options.partitions(simulator),
      };
    };

    check(
      'listing',
      'lists its partitions oldest first, each a valid cohort of its scheme, none twice',
      async () => {
        const { source } = await start();
        const cohorts = await source.listPartitions({ options: source.options, now: new Date() });
        expect(cohorts.length).toBeGreaterThan(0);
        for (const cohort of cohorts) expect(source.cohort.parse(cohort.key)).toEqual(cohort);
        for (let i = 1; i < cohorts.length; i++)
          expect(cohorts[i]!.ordinal).toBeGreaterThan(cohorts[i - 1]!.ordinal);
      },
    );

    check('paging', 'pages every partition to the end: every record once, none lost', async () => {
      const { simulator, store, source, keys } = await start();
      const results = await runSource({ store, source, partitionKeys: keys, quota });
      expect(results.map((r) => [r.partitionKey, r.outcome, r.error?.message])).toEqual(
        keys.map((key) => [key, 'complete', undefined]),
      );
      // A record served twice within one run would show as `unchanged` on its second sight.
      for (const result of results) expect(result.counts.unchanged, result.partitionKey).toBe(0);
      expect(results[0]!.counts.slices, 'the first partition must span 3+ slices').toBeGreaterThanOrEqual(3);
      await expectComplete(store, simulator, source, keys);
    });

    check(
      'distinctKeys',
      'gives every record of a slice its own key, so none overwrites another',
      async () => {
        const { store, source, keys } = await start();
        const recorded = recordSliceKeys(source);
        const results = await runSource({ store, source: recorded.source, partitionKeys: keys, quota });
        expect(recorded.slices.length).toBeGreaterThan(0);
        expect(
          sharedKeys(recorded.slices),
          'records of one slice share a key: make recordKey include what tells them apart',
        ).toEqual([]);
        expect(results.map((r) => [r.partitionKey, r.outcome, r.error?.message])).toEqual(
          keys.map((key) => [key, 'complete', undefined]),
        );
      },
    );

    check(
      'resume',
      'resumes from every cursor of a multi-slice partition, repeating no committed slice',
      async () => {
        const first = await start();
        const key = first.keys[0]!;
        const [clean] = await runSource({
          store: first.store,
          source: first.source,
          partitionKeys: [key],
          quota,
        });
        const slices = clean!.counts.slices;
        const callsPerRun = clean!.counts.apiCalls;
        expect(slices).toBeGreaterThanOrEqual(3);
        for (let stopAfter = 1; stopAfter < slices; stopAfter++) {
          const { simulator, store, source } = await start();
          const [broken] = await runSource({
            store,
            source,
            partitionKeys: [key],
            quota,
            hooks: {
              afterCommit: ({ slice }) => {
                if (slice === stopAfter) throw new Error(`stopped after slice ${stopAfter}`);
              },
            },
          });
          expect(broken!.outcome).toBe('failed');
          const [resumed] = await runSource({ store, source, partitionKeys: [key], quota });
          expect(resumed).toMatchObject({ outcome: 'complete', resumed: true });
          expect(resumed!.counts.slices, `slices fetched after resuming at ${stopAfter}`).toBe(
            slices - stopAfter,
          );
          expect(broken!.counts.apiCalls + resumed!.counts.apiCalls).toBe(callsPerRun);
          await expectComplete(store, simulator, source, [key]);
        }
      },
    );

    check(
      'idempotent',
      'a re-run skips complete partitions, and a refresh rewrites nothing unchanged',
      async () => {
        const { simulator, store, source, keys } = await start();
        const firstRun = await runSource({ store, source, partitionKeys: keys, quota });
        const { written } = totalCounts(firstRun);
        const again = await runSource({ store, source, partitionKeys: keys, quota });
        expect(again.map((r) => r.outcome)).toEqual(keys.map(() => 'skipped'));
        expect(totalCounts(again).apiCalls).toBe(0);
        const refreshed = await runSource({ store, source, partitionKeys: keys, quota, refresh: true });
        expect(totalCounts(refreshed).written).toBe(0);
        expect(totalCounts(refreshed).unchanged).toBe(written);
        await expectComplete(store, simulator, source, keys);
      },
    );

    check('rateLimit', "backs off on 429 for the API's Retry-After and still completes", async () => {
      const { simulator, store, source, keys } = await start();
      simulator.setRateLimit({ requests: 2, intervalMs: 1000, retryAfterSeconds: 1 });
      const [result] = await runSource({ store, source, partitionKeys: [keys[0]!], quota });
      expect(result!.outcome).toBe('complete');
      const stats = simulator.stats();
      expect(stats.throttled).toBeGreaterThan(0);
      // After every 429, the client's next request waits out the Retry-After (1 s, less jitter).
      const log = [...stats.log].sort((a, b) => a.at - b.at);
      for (const [i, entry] of log.entries()) {
        const next = log[i + 1];
        if (entry.status === 429 && next) expect(next.at - entry.at).toBeGreaterThanOrEqual(950);
      }
      await expectComplete(store, simulator, source, [keys[0]!]);
    });

    check('schemaDrift', 'fails with SCHEMA_DRIFT naming the field when the API changes shape', async () => {
      const { simulator, store, source, keys } = await start();
      simulator.setFaults({ schemaChange: true });
      const [result] = await runSource({ store, source, partitionKeys: [keys[0]!], quota });
      expect(result!.outcome).toBe('failed');
      expect(result!.error?.code).toBe(ErrorCodes.SCHEMA_DRIFT);
      expect(await store.countRecords({ source: source.id })).toBe(0);
      expect((await store.getCheckpoint(keys[0]!))?.cursor).toBeNull();
    });

    check(
      'badBodies',
      'retries truncated, malformed, empty and HTML bodies, 503s and resets, losing nothing',
      async () => {
        const { simulator, store, source, keys } = await start();
        for (const kind of BAD_BODIES) simulator.injectNext(kind, 1);
        // The faults hit consecutive attempts of the first request, so its retry budget must
        // outlast all of them; with fewer attempts than faults no source could complete.
        const maxAttempts = Math.max(quota.retry.maxAttempts, BAD_BODIES.length + 1);
        const [result] = await runSource({
          store,
          source,
          partitionKeys: [keys[0]!],
          quota: { ...quota, retry: { ...quota.retry, maxAttempts } },
        });
        expect(result!.outcome, result!.error?.message).toBe('complete');
        expect(result!.retries).toBeGreaterThanOrEqual(BAD_BODIES.length);
        await expectComplete(store, simulator, source, [keys[0]!]);
      },
    );
  });
}
