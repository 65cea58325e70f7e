import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Clock, systemClock } from '../clock.js';
import { ErrorCodes, FreshetError } from '../errors.js';
import { payloadHash, sha256Hex } from '../hashing.js';
import { openSqliteStore } from '../sqlite.js';
import type { Store } from '../store/types.js';
import { crashableStore } from '../test-support/crashable-store.js';
import { engineSources } from '../test-support/engine-harness.js';
import { type FakeApi, type FakeItem, startFakeApi } from '../test-support/fake-api.js';
import { fakeSource } from '../test-support/fake-source.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { executePartitions } from './executor.js';
import type { PartitionResult, PartitionWork, ProtocolStep } from './types.js';

const dir = tempDirPerTest('freshet-protocol-');
let api: FakeApi;
const openStore = () => openSqliteStore({ path: join(dir(), 'freshet.sqlite') });

beforeEach(async () => {
  api = await startFakeApi({ sizes: { batch_0001: 25, batch_0002: 30, batch_0003: 7 } });
});

afterEach(async () => {
  await api.close();
});

function setup(store: Store, quota = {}) {
  const source = fakeSource({ baseUrl: api.baseUrl, batches: 3, pageSize: 10, quota });
  const work: PartitionWork[] = [1, 2, 3].map((n) => {
    const cohort = source.cohort.fromOrdinal(n);
    return { partition: { key: `fake:${cohort.key}`, source: 'fake', cohort } };
  });
  return { sources: engineSources(store, [source]), work };
}

/** Requests the fake API saw for each cohort page, e.g. `batch_0001#1` → 2. */
function requestsPerPage(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of api.requests)
    counts.set(`${r.cohort}#${r.page}`, (counts.get(`${r.cohort}#${r.page}`) ?? 0) + 1);
  return counts;
}

async function expectEveryRecordOnce(store: Store): Promise<void> {
  for (const cohort of ['batch_0001', 'batch_0002', 'batch_0003']) {
    for (const item of api.items(cohort)) {
      const record = await store.getRecord('fake', item.id);
      expect(record, item.id).not.toBeNull();
      expect(record?.payload).toEqual(item);
      expect(record?.revision, `${item.id} written more than once`).toBe(1);
      const ledger = await store.getLedgerEntry('fake', item.id);
      expect(ledger?.status).toBe('success');
    }
  }
  expect(await store.countRecords({ source: 'fake' })).toBe(62);
}

describe('the slice protocol', () => {
  it('fetches every page once, stores every record, and completes each partition', async () => {
    const store = await openStore();
    const { sources, work } = setup(store);
    const results = await executePartitions({ store, sources, work, runId: 'r1' });

    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete', 'complete']);
    expect(results.map((r) => r.counts.written)).toEqual([25, 30, 7]);
    expect(results.map((r) => r.counts.apiCalls)).toEqual([3, 3, 1]);
    expect([...requestsPerPage().values()].every((n) => n === 1)).toBe(true);
    await expectEveryRecordOnce(store);
    const checkpoint = await store.getCheckpoint('fake:batch_0002');
    expect(checkpoint).toMatchObject({ status: 'complete', attempt: 1, cursor: { page: 3 } });
    expect(checkpoint?.counts).toMatchObject({ slices: 3, written: 30, unchanged: 0, apiCalls: 3 });
    expect(checkpoint?.lastCompleteAt).not.toBeNull();
    await store.close();
  });

  it('skips complete partitions, and a refresh writes only what changed upstream', async () => {
    const store = await openStore();
    const { sources, work } = setup(store);
    await executePartitions({ store, sources, work, runId: 'r1' });
    api.requests.length = 0;

    const skipped = await executePartitions({ store, sources, work, runId: 'r2' });
    expect(skipped.map((r) => r.outcome)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(api.requests).toHaveLength(0);

    api.modify('batch_0002', 4); // items 0, 4, 8, … 28: 8 of 30
    const refreshed = await executePartitions({
      store,
      sources,
      work: work.map((w) => ({ ...w, refresh: true })),
      runId: 'r3',
    });
    expect(refreshed.map((r) => [r.counts.written, r.counts.unchanged])).toEqual([
      [0, 25],
      [8, 22],
      [0, 7],
    ]);
    expect((await store.getRecord('fake', 'batch_0002-000004'))?.revision).toBe(2);
    expect((await store.getRecord('fake', 'batch_0002-000005'))?.revision).toBe(1);
    const ledger = await store.getLedgerEntry('fake', 'batch_0002-000005');
    expect(ledger).toMatchObject({ status: 'unchanged', attempts: 2 });
    expect((await store.getCheckpoint('fake:batch_0002'))?.attempt).toBe(2);
    await store.close();
  });

  it('hashes the JSON text it stores, or the canonical JSON of what hashPayload keeps', async () => {
    const store = await openStore();
    const plain = setup(store);
    await executePartitions({ store, sources: plain.sources, work: plain.work.slice(0, 1), runId: 'r1' });
    const [item] = api.items('batch_0001');
    expect((await store.getLedgerEntry('fake', item!.id))?.hash).toBe(sha256Hex(JSON.stringify(item)));

    // A source that leaves the changing field out of its hash: an upstream change is "unchanged".
    const base = fakeSource({ baseUrl: api.baseUrl, batches: 3, pageSize: 10 });
    const keyed = { ...base, hashPayload: (record: FakeItem) => ({ id: record.id }) };
    const sources = engineSources(store, [keyed]);
    const work = plain.work.slice(1, 2);
    await executePartitions({ store, sources, work, runId: 'r2' });
    const [first] = api.items('batch_0002');
    expect((await store.getLedgerEntry('fake', first!.id))?.hash).toBe(payloadHash({ id: first!.id }));
    api.modify('batch_0002', 1);
    const refreshed = await executePartitions({
      store,
      sources,
      work: work.map((w) => ({ ...w, refresh: true })),
      runId: 'r3',
    });
    expect(refreshed.map((r) => [r.counts.written, r.counts.unchanged])).toEqual([[0, 30]]);
    expect((await store.getRecord('fake', first!.id))?.payload).toEqual(first);
    await store.close();
  });

  // Crash at each step of slice 2 of every partition; on resume nothing is lost, nothing is
  // written twice, and only the slice in flight is fetched again.
  const steps: Array<[ProtocolStep, number]> = [
    ['beforeFetch', 0],
    ['afterFetch', 1],
    ['insideTransaction', 1],
    ['afterCommit', 0],
  ];
  it.each(steps)('resumes exactly after a crash at %s (pages fetched again: %i)', async (step, repeated) => {
    const first = crashableStore(await openStore());
    const { sources, work } = setup(first.store);
    const crashed: string[] = [];
    await executePartitions({
      store: first.store,
      sources,
      work,
      runId: 'r1',
      maxParallelPartitions: 1,
      hooks: {
        [step]: ({ partitionKey, slice }: { partitionKey: string; slice: number }) => {
          if (partitionKey === 'fake:batch_0002' && slice === 2) {
            crashed.push(partitionKey);
            first.crash();
            throw new Error('killed');
          }
        },
      },
    });
    expect(crashed).toEqual(['fake:batch_0002']);
    // The raw store underneath is closed as the dying process would leave it.
    await (first.store as unknown as { close(): Promise<void> }).close().catch(() => {});

    const store = await openStore();
    const interrupted = await store.getCheckpoint('fake:batch_0002');
    expect(interrupted?.status).toBe('running');
    const committedPages = step === 'afterCommit' ? 2 : 1;
    expect(interrupted?.cursor).toEqual({ page: committedPages });
    // Partition 3 never started in the dead process.
    expect(await store.getCheckpoint('fake:batch_0003')).toBeNull();

    const resumed = await executePartitions({ store, sources: setup(store).sources, work, runId: 'r2' });
    expect(resumed.map((r) => r.outcome)).toEqual(['skipped', 'complete', 'complete']);
    expect(resumed[1]?.resumed).toBe(true);
    await expectEveryRecordOnce(store);

    const pages = requestsPerPage();
    const repeats = [...pages.values()].reduce((sum, n) => sum + (n - 1), 0);
    expect(repeats).toBe(repeated);
    if (repeated) expect(pages.get('batch_0002#1')).toBe(2);
    const checkpoint = await store.getCheckpoint('fake:batch_0002');
    expect(checkpoint?.counts.written).toBe(30);
    expect(checkpoint?.counts.slices).toBe(3);
    expect(checkpoint?.attempt).toBe(1);
    await store.close();
  });

  it('marks a failing partition failed with its error and cursor, and the others complete', async () => {
    const store = await openStore();
    const { sources, work } = setup(store);
    api.failWhen = (cohort, page) => cohort === 'batch_0002' && page === 1;
    const results = await executePartitions({ store, sources, work, runId: 'r1' });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'failed', 'complete']);
    expect(results[1]?.error?.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
    expect(results[1]?.retries).toBe(2);
    const failed = await store.getCheckpoint('fake:batch_0002');
    expect(failed).toMatchObject({ status: 'failed', cursor: { page: 1 } });
    expect(failed?.error?.message).toContain('[freshet] [fake]');
    expect(failed?.counts.apiCalls).toBe(4);

    api.failWhen = null;
    api.requests.length = 0;
    const retried = await executePartitions({ store, sources, work, runId: 'r2' });
    expect(retried.map((r) => r.outcome)).toEqual(['skipped', 'complete', 'skipped']);
    expect(api.requests.map((r) => `${r.cohort}#${r.page}`)).toEqual(['batch_0002#1', 'batch_0002#2']);
    await expectEveryRecordOnce(store);
    await store.close();
  });

  it('fails a slice whose records share a key, naming the keys, instead of keeping only the last', async () => {
    const store = await openStore();
    const { work } = setup(store);
    // Two records of batch_0002 (items 10 and 12, on page 2) map to one key.
    const base = fakeSource({ baseUrl: api.baseUrl, batches: 3, pageSize: 10 });
    const colliding = {
      ...base,
      recordKey: (item: FakeItem) => (item.id === 'batch_0002-000012' ? 'batch_0002-000010' : item.id),
    };
    const results = await executePartitions({
      store,
      sources: engineSources(store, [colliding]),
      work: work.slice(1, 2),
      runId: 'r1',
    });
    expect(results[0]).toMatchObject({ outcome: 'failed', error: { code: ErrorCodes.DUPLICATE_RECORD_KEY } });
    const message = results[0]?.error?.message ?? '';
    expect(message).toContain('[freshet] [fake]');
    expect(message).toContain('fake:batch_0002');
    expect(message).toContain('"batch_0002-000010" (2 records)');
    expect(message).toContain('recordKey');
    // Page 1 was committed; the colliding page 2 wrote nothing, and stays to be fetched again.
    expect(await store.countRecords({ source: 'fake' })).toBe(10);
    expect(await store.getCheckpoint('fake:batch_0002')).toMatchObject({
      status: 'failed',
      cursor: { page: 1 },
      error: { code: ErrorCodes.DUPLICATE_RECORD_KEY },
    });
    await store.close();
  });

  it('stops a source whose daily budget is spent and defers its partitions not yet started', async () => {
    const store = await openStore();
    const { sources, work } = setup(store, { dailyBudget: 4 });
    const results = await executePartitions({ store, sources, work, runId: 'r1', maxParallelPartitions: 1 });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'failed', 'deferred']);
    expect(results[1]?.error?.code).toBe(ErrorCodes.QUOTA_EXHAUSTED);
    expect(results[2]?.error?.code).toBe(ErrorCodes.QUOTA_EXHAUSTED);
    expect(api.requests).toHaveLength(4);
    expect((await store.getCheckpoint('fake:batch_0002'))?.cursor).toEqual({ page: 1 });
    await store.close();
  });

  it('finishes the slice in flight on a graceful stop, and the next run resumes it', async () => {
    const store = await openStore();
    const { sources, work } = setup(store);
    const stop = new AbortController();
    const results = await executePartitions({
      store,
      sources,
      work: work.slice(1, 2),
      runId: 'r1',
      stopSignal: stop.signal,
      hooks: { afterCommit: () => stop.abort() },
    });
    expect(results[0]?.outcome).toBe('interrupted');
    expect(await store.getCheckpoint('fake:batch_0002')).toMatchObject({
      status: 'running',
      cursor: { page: 1 },
    });
    const resumed = await executePartitions({ store, sources, work: work.slice(1, 2), runId: 'r2' });
    expect(resumed[0]).toMatchObject({ outcome: 'complete', resumed: true });
    expect(api.requests).toHaveLength(3);
    await store.close();
  });

  it('leaves a partition leased by another run alone', async () => {
    const store = await openStore();
    const { sources, work } = setup(store);
    expect(await store.acquireLease('fake:batch_0001', 'other-run', 60_000, new Date())).not.toBeNull();
    const results = await executePartitions({
      store,
      sources,
      work,
      runId: 'r1',
      lease: { holder: 'this-run', ttlMs: 60_000 },
    });
    expect(results.map((r) => r.outcome)).toEqual(['locked', 'complete', 'complete']);
    expect(api.requests.some((r) => r.cohort === 'batch_0001')).toBe(false);
    expect((await store.listLeases(new Date())).map((l) => l.holder)).toEqual(['other-run']);
    await store.close();
  });

  it('a worker that waits out a dead holder resumes from its last committed cursor', async () => {
    let nowMs = Date.parse('2025-03-01T00:00:00.000Z');
    const clock: Clock = { now: () => new Date(nowMs), sleep: systemClock.sleep };
    const ttlMs = 60_000;
    const holderStore = await openStore();
    const holder = crashableStore(holderStore);
    const { sources, work } = setup(holder.store);
    const partition = work.slice(1, 2);

    // The second worker's first look at the partition (a read or a claim) happens while the
    // holder is alive, and its answer arrives after the holder committed once more and died.
    const holderDied = deferred();
    const looked = deferred();
    const waiting = await openStore();
    const raced = answerFirstLookLate(waiting, looked.resolve, holderDied.promise);
    let second: Promise<PartitionResult> | undefined;
    const claimUntilTaken = async (): Promise<PartitionResult> => {
      // A worker claims again while the partition is locked; the lease expires in between.
      for (let attempt = 1; ; attempt++) {
        const [result] = await executePartitions({
          store: raced,
          sources: setup(raced).sources,
          work: partition,
          runId: 'r-second',
          clock,
          lease: { holder: 'worker-b', ttlMs },
        });
        if (result?.outcome !== 'locked' || attempt === 3) return result!;
      }
    };

    await executePartitions({
      store: holder.store,
      sources,
      work: partition,
      runId: 'r-holder',
      clock,
      lease: { holder: 'worker-a', ttlMs },
      hooks: {
        afterCommit: async ({ slice }) => {
          if (slice === 1) {
            second = claimUntilTaken();
            await looked.promise;
          } else {
            // Dies without releasing its lease, which then expires.
            holder.crash();
            nowMs += ttlMs + 1;
            holderDied.resolve();
            throw new Error('killed');
          }
        },
      },
    });
    const result = await second!;
    await holderStore.close();

    expect(result).toMatchObject({ outcome: 'complete', resumed: true });
    // The holder committed pages 1 and 2; only page 3 is left to fetch.
    expect([...requestsPerPage().entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(result.counts).toMatchObject({ slices: 1, written: 10, unchanged: 0 });
    expect((await waiting.getCheckpoint('fake:batch_0002'))?.counts).toMatchObject({
      slices: 3,
      written: 30,
      unchanged: 0,
    });
    await waiting.close();
  });

  it('fences off a holder paused past its lease: it commits nothing after the take-over', async () => {
    let nowMs = Date.parse('2025-03-01T00:00:00.000Z');
    const clock: Clock = { now: () => new Date(nowMs), sleep: systemClock.sleep };
    const ttlMs = 60_000;
    const store = await openStore();
    const { sources, work } = setup(store);
    const partition = work.slice(1, 2);
    let taker: Promise<PartitionResult[]> | undefined;

    const [paused] = await executePartitions({
      store,
      sources,
      work: partition,
      runId: 'r-paused',
      clock,
      lease: { holder: 'worker-a', ttlMs },
      hooks: {
        // Holder A fetched page 2 and then stood still (SIGSTOP, a long GC) past its lease;
        // worker B took the partition over and finished it before A went on to commit.
        afterFetch: async ({ slice }) => {
          if (slice !== 2) return;
          nowMs += ttlMs + 1;
          taker = executePartitions({
            store,
            sources: setup(store).sources,
            work: partition,
            runId: 'r-taker',
            clock,
            lease: { holder: 'worker-b', ttlMs },
          });
          await taker;
        },
      },
    });
    const [took] = (await taker) ?? [];

    expect(took).toMatchObject({ outcome: 'complete', resumed: true });
    expect(paused).toMatchObject({ outcome: 'locked', error: { code: ErrorCodes.LEASE_LOST } });
    // A's page 2 never landed: B wrote pages 2 and 3 once each, and the checkpoint is B's.
    expect(paused?.counts).toMatchObject({ slices: 1, written: 10 });
    const checkpoint = await store.getCheckpoint('fake:batch_0002');
    expect(checkpoint).toMatchObject({ status: 'complete', runId: 'r-taker' });
    expect(checkpoint?.counts).toMatchObject({ slices: 3, written: 30, unchanged: 0 });
    for (const item of api.items('batch_0002')) {
      expect((await store.getRecord('fake', item.id))?.revision, item.id).toBe(1);
    }
    await store.close();
  });

  it('waits out a store restart mid-run: the commit is tried again and the partition completes', async () => {
    const real = await openStore();
    let failuresLeft = 2;
    // The second slice's commit meets a database that is restarting, twice.
    let commits = 0;
    const restarting = new Proxy(real, {
      get(target, property, receiver) {
        if (property === 'transaction') {
          return async (work: Parameters<Store['transaction']>[0]) => {
            commits += 1;
            if (commits >= 3 && failuresLeft > 0) {
              failuresLeft -= 1;
              throw new FreshetError(
                ErrorCodes.STORE_ERROR,
                'store x: commit failed: connection terminated',
                {
                  retryable: true,
                },
              );
            }
            return target.transaction(work);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { sources, work } = setup(restarting);
    const results = await executePartitions({
      store: restarting,
      sources,
      work: work.slice(1, 2),
      runId: 'r1',
    });
    expect(results[0]).toMatchObject({ outcome: 'complete' });
    expect(failuresLeft).toBe(0);
    expect([...requestsPerPage().values()].every((n) => n === 1)).toBe(true);
    expect(await real.countRecords({ source: 'fake' })).toBe(30);
    await real.close();
  });

  it('with retryLocked, tries a partition another holder has again until it is free', async () => {
    const store = await openStore();
    const { sources, work } = setup(store);
    await store.acquireLease('fake:batch_0001', 'other-worker', 60_000, new Date());
    setTimeout(() => void store.releaseLease('fake:batch_0001', 'other-worker'), 80);
    const events: string[] = [];
    const results = await executePartitions({
      store,
      sources,
      work,
      runId: 'r1',
      lease: { holder: 'this-worker', ttlMs: 60_000 },
      retryLocked: { afterMs: 20 },
      onEvent: (e) => {
        if (e.type === 'partition-end') events.push(`${e.result.partitionKey} ${e.result.outcome}`);
      },
    });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete', 'complete']);
    // Only the final outcome of each partition is reported, never the `locked` tries.
    expect(events.sort()).toEqual([
      'fake:batch_0001 complete',
      'fake:batch_0002 complete',
      'fake:batch_0003 complete',
    ]);
    await expectEveryRecordOnce(store);
    await store.close();
  });

  it('skips a complete partition another run holds, and leaves its refresh to the holder', async () => {
    const store = await openStore();
    const { sources, work } = setup(store);
    const first = work.slice(0, 1);
    await executePartitions({ store, sources, work: first, runId: 'r1' });
    expect(await store.acquireLease('fake:batch_0001', 'other-run', 60_000, new Date())).not.toBeNull();
    api.requests.length = 0;
    const lease = { holder: 'this-run', ttlMs: 60_000 };

    const [skipped] = await executePartitions({ store, sources, work: first, runId: 'r2', lease });
    expect(skipped?.outcome).toBe('skipped');
    const [refresh] = await executePartitions({
      store,
      sources,
      work: [{ ...first[0]!, refresh: true }],
      runId: 'r3',
      lease,
    });
    expect(refresh?.outcome).toBe('locked');
    expect(api.requests).toHaveLength(0);
    expect((await store.listLeases(new Date())).map((l) => l.holder)).toEqual(['other-run']);
    await store.close();
  });

  it('never exceeds the source quota with parallel partitions, counted by the API', async () => {
    await api.close();
    const sizes = Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [`batch_000${n}`, 40]));
    api = await startFakeApi({ sizes, latencyMs: 15 });
    const store = await openStore();
    const source = fakeSource({
      baseUrl: api.baseUrl,
      batches: 6,
      pageSize: 5,
      quota: { maxConcurrent: 2, requestsPerInterval: 10, intervalMs: 200 },
    });
    const work = [1, 2, 3, 4, 5, 6].map((n) => {
      const cohort = source.cohort.fromOrdinal(n);
      return { partition: { key: `fake:${cohort.key}`, source: 'fake', cohort } };
    });
    const results = await executePartitions({
      store,
      sources: engineSources(store, [source]),
      work,
      runId: 'r1',
      maxParallelPartitions: 6,
    });
    expect(results.every((r) => r.outcome === 'complete')).toBe(true);
    expect(api.requests).toHaveLength(48);
    expect(api.maxInFlight).toBeLessThanOrEqual(2);
    // Any 200 ms window (less 5 ms of loopback jitter) holds at most 10 request starts.
    const starts = api.requests.map((r) => r.startedAt).sort((a, b) => a - b);
    for (let i = 10; i < starts.length; i++) expect(starts[i]! - starts[i - 10]!).toBeGreaterThanOrEqual(195);
    await store.close();
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * A store whose first checkpoint read or lease claim is done at once but answered only after
 * `later`: the caller acts on what the store held then, as a worker whose read raced another's
 * commits would.
 */
function answerFirstLookLate(inner: Store, onLook: () => void, later: Promise<void>): Store {
  let first = true;
  return new Proxy(inner, {
    get(object, property) {
      const value = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      if (property !== 'getCheckpoint' && property !== 'acquireLease') return value.bind(object);
      return async (...args: unknown[]) => {
        const answer = await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        if (first) {
          first = false;
          onLook();
          await later;
        }
        return answer;
      };
    },
  });
}
