import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import type { ExecutorEvent } from '../engine/types.js';
import { ErrorCodes, isFreshetError } from '../errors.js';
import { openSqliteStore } from '../sqlite.js';
import type { Store } from '../store/types.js';
import { type FakeApi, startFakeApi } from '../test-support/fake-api.js';
import { fakeSource } from '../test-support/fake-source.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { readRecords } from './read-records.js';
import { runSource } from './run-source.js';

const dir = tempDirPerTest('freshet-run-source-');
let api: FakeApi;
let store: Store;

beforeEach(async () => {
  api = await startFakeApi({ sizes: { batch_0001: 25, batch_0002: 12, batch_0003: 7 } });
  store = await openSqliteStore({ path: join(dir(), 'freshet.sqlite') });
});

afterEach(async () => {
  await store.close();
  await api.close();
});

const source = () => fakeSource({ baseUrl: api.baseUrl, batches: 3, pageSize: 10 });

/** The real clock moved `offsetMs` ahead, so the limiter's waits still end. */
const clockAhead = (offsetMs: number): Clock => ({
  now: () => new Date(Date.now() + offsetMs),
  sleep: systemClock.sleep,
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: Error) => err,
  );
}

describe('runSource', () => {
  it('runs every partition the source lists into the store and records the run', async () => {
    const result = await runSource(source(), { store });

    expect(result.status).toBe('succeeded');
    expect(result.source).toBe('fake');
    expect(result.partitions.map((p) => [p.partitionKey, p.outcome])).toEqual([
      ['fake:batch_0001', 'complete'],
      ['fake:batch_0002', 'complete'],
      ['fake:batch_0003', 'complete'],
    ]);
    expect(result.totals).toMatchObject({ written: 44, unchanged: 0, apiCalls: 3 + 2 + 1 });
    expect(result.totals.partitions).toMatchObject({ complete: 3, failed: 0, skipped: 0 });
    expect(await store.countRecords({ source: 'fake' })).toBe(44);

    const run = await store.getRun(result.runId);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual', scope: { sources: ['fake'] } });
    expect(run?.finishedAt).toEqual(result.finishedAt);
    const saved = await store.listRunPartitions(result.runId);
    expect(saved.map((p) => p.status)).toEqual(['complete', 'complete', 'complete']);
  });

  it('skips fresh partitions, and fetches them again with force', async () => {
    await runSource(source(), { store });
    const requestsBefore = api.requests.length;

    const again = await runSource(source(), { store });
    expect(again.totals.partitions).toMatchObject({ skipped: 3, complete: 0 });
    expect(api.requests.length).toBe(requestsBefore);

    const forced = await runSource(source(), { store, force: true });
    expect(forced.totals).toMatchObject({ written: 0, unchanged: 44 });
    expect(forced.totals.partitions.complete).toBe(3);
  });

  it("fetches a complete partition again once it is older than the source's SLA", async () => {
    await runSource(source(), { store, partitions: ['batch_0001'] });
    const dayLater = await runSource(source(), {
      store,
      partitions: ['batch_0001'],
      clock: clockAhead(25 * 3_600_000),
    });
    expect(dayLater.partitions[0]).toMatchObject({ outcome: 'complete', counts: { unchanged: 25 } });

    const withLongerSla = await runSource(source(), {
      store,
      partitions: ['batch_0001'],
      sla: '30d',
      clock: clockAhead(50 * 3_600_000),
    });
    expect(withLongerSla.partitions[0]?.outcome).toBe('skipped');
  });

  it('runs only the named partitions and the window, each once, accepting cohort or partition keys', async () => {
    const result = await runSource(source(), {
      store,
      window: '0002..0003',
      partitions: ['fake:batch_0003', 'batch_0001'],
    });
    expect(result.partitions.map((p) => p.partitionKey)).toEqual([
      'fake:batch_0002',
      'fake:batch_0003',
      'fake:batch_0001',
    ]);
    expect(new Set(api.requests.map((r) => r.cohort))).toEqual(
      new Set(['batch_0001', 'batch_0002', 'batch_0003']),
    );
  });

  it('keeps to quota overrides and reports progress', async () => {
    const events: ExecutorEvent['type'][] = [];
    await runSource(source(), {
      store,
      quota: { maxConcurrent: 1 },
      concurrency: 3,
      onProgress: (event) => events.push(event.type),
    });
    expect(api.maxInFlight).toBe(1);
    expect(events.filter((e) => e === 'partition-end')).toHaveLength(3);
    expect(events.filter((e) => e === 'slice')).toHaveLength(6);
  });

  it('reports a failed partition with its error while the others complete', async () => {
    api.failWhen = (cohort) => cohort === 'batch_0002';
    const result = await runSource(source(), { store, quota: { retry: { maxAttempts: 1 } } });
    expect(result.status).toBe('failed');
    const failed = result.partitions.find((p) => p.partitionKey === 'fake:batch_0002');
    expect(failed).toMatchObject({ outcome: 'failed', error: { code: ErrorCodes.UPSTREAM_UNAVAILABLE } });
    expect(result.totals.partitions).toMatchObject({ complete: 2, failed: 1 });
    expect(await store.getRun(result.runId)).toMatchObject({
      status: 'failed',
      error: { code: ErrorCodes.UPSTREAM_UNAVAILABLE },
    });
  });

  it('ends interrupted when stopped before it starts, leaving partitions to resume', async () => {
    const stop = new AbortController();
    stop.abort();
    const result = await runSource(source(), { store, stopSignal: stop.signal });
    expect(result.status).toBe('interrupted');
    expect(result.totals.partitions.interrupted).toBe(3);
    expect(api.requests).toHaveLength(0);
  });

  it('makes "changed since a run" exactly what that run changed', async () => {
    await runSource(source(), { store });
    api.modify('batch_0001', 10); // items 0, 10 and 20 of batch_0001 change upstream
    const refresh = await runSource(source(), { store, force: true });
    expect(refresh.totals).toMatchObject({ written: 3, unchanged: 41 });

    const changed: string[] = [];
    for await (const record of readRecords(store, { changedSince: { runId: refresh.runId } })) {
      changed.push(record.key);
    }
    expect(changed).toEqual(['batch_0001-000000', 'batch_0001-000010', 'batch_0001-000020']);
  });

  it('refuses bad arguments with a message naming the fix', async () => {
    const cases: Array<[Promise<unknown>, RegExp]> = [
      [runSource({} as never, { store }), /first argument must be a source, such as nih\(\)/],
      [runSource(source(), {} as never), /options\.store must be an open store.*openSqliteStore/],
      [runSource(source(), { store, concurrency: 0 }), /concurrency must be a whole number.*got 0/],
      [runSource(source(), { store, quota: { maxConcurrent: -1 } }), /quota\.maxConcurrent/],
      [
        runSource(source(), { store, sla: 'weekly' }),
        /invalid duration "weekly"; use a whole number and a unit/,
      ],
      [runSource(source(), { store, partitions: ['nih:project_week_2025-W12'] }), /nih/],
      [runSource(source(), { store, window: '2025-W01..2025-W02' }), /A valid fake window looks like/],
    ];
    for (const [promise, message] of cases) {
      const err = await rejection(promise);
      expect(isFreshetError(err), err.message).toBe(true);
      expect(err.message).toMatch(message);
    }
    expect(api.requests).toHaveLength(0);
  });
});
