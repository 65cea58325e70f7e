import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes, isFreshetError } from '../errors.js';
import type { Json } from '../json.js';
import { describeFreshnessSummaryContract } from './freshness-summary-contract.js';
import type { Checkpoint, RecordInput, RunRow, SliceCounts, Store } from './types.js';

/*
 * The behaviour every `Store` must have, as a vitest suite. A store implementation's test
 * calls `describeStoreContract('postgres', () => openPostgresStore(...))`; `openStore` must
 * return a fresh, empty store each time (each test closes the one it got).
 */

const T0 = Date.parse('2025-03-01T00:00:00.000Z');
const minutes = (n: number) => new Date(T0 + n * 60_000);

const counts = (over: Partial<SliceCounts> = {}): SliceCounts => ({
  slices: 0,
  written: 0,
  unchanged: 0,
  failed: 0,
  notFound: 0,
  apiCalls: 0,
  ...over,
});

const checkpoint = (partitionKey: string, over: Partial<Checkpoint> = {}): Checkpoint => ({
  partitionKey,
  source: partitionKey.split(':')[0] ?? partitionKey,
  cohort: partitionKey.split(':')[1] ?? '',
  status: 'running',
  cursor: null,
  attempt: 1,
  counts: counts(),
  runId: null,
  startedAt: minutes(0),
  updatedAt: minutes(0),
  completedAt: null,
  lastCompleteAt: null,
  durationMs: 0,
  error: null,
  ...over,
});

const run = (id: string, over: Partial<RunRow> = {}): RunRow => ({
  id,
  runKey: null,
  trigger: 'manual',
  status: 'running',
  scope: { sources: ['nih'] },
  plan: [],
  metadata: {},
  startedAt: minutes(0),
  finishedAt: null,
  error: null,
  ...over,
});

const rec = (key: string, hash: string, payload: Json = { key, hash }): RecordInput => ({
  key,
  hash,
  json: JSON.stringify(payload),
});

async function collect(iterable: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function expectStoreError(promise: Promise<unknown>): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isFreshetError(err, ErrorCodes.STORE_ERROR), `expected STORE_ERROR, got ${String(err)}`).toBe(true);
}

export function describeStoreContract(name: string, openStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('checkpoints', () => {
      it('round-trips every field and returns null for an unknown partition', async () => {
        const cp = checkpoint('nih:project_week_2025-W12', {
          status: 'failed',
          cursor: { offset: 500, after: ['a', 1] },
          attempt: 3,
          counts: counts({ slices: 2, written: 10, unchanged: 4, failed: 1, notFound: 2, apiCalls: 5 }),
          runId: 'run-1',
          updatedAt: minutes(5),
          lastCompleteAt: minutes(-60 * 24),
          durationMs: 12_345,
          error: { code: 'UPSTREAM_UNAVAILABLE', message: '503 after 5 attempts' },
        });
        await store.saveCheckpoint(cp);
        expect(await store.getCheckpoint(cp.partitionKey)).toEqual(cp);
        expect(await store.getCheckpoint('nih:unknown')).toBeNull();
      });

      it('overwrites on save, filters lists, and deletes', async () => {
        await store.saveCheckpoint(checkpoint('nih:a'));
        await store.saveCheckpoint(checkpoint('nih:b', { status: 'complete', completedAt: minutes(3) }));
        await store.saveCheckpoint(checkpoint('sam_gov:a'));
        await store.saveCheckpoint(checkpoint('nih:a', { cursor: 2, attempt: 2 }));

        expect((await store.getCheckpoint('nih:a'))?.cursor).toBe(2);
        expect((await store.listCheckpoints()).map((c) => c.partitionKey)).toEqual([
          'nih:a',
          'nih:b',
          'sam_gov:a',
        ]);
        expect((await store.listCheckpoints({ source: 'nih' })).map((c) => c.partitionKey)).toEqual([
          'nih:a',
          'nih:b',
        ]);
        expect((await store.listCheckpoints({ status: 'complete' })).map((c) => c.partitionKey)).toEqual([
          'nih:b',
        ]);
        expect(
          (await store.listCheckpoints({ partitionKeys: ['sam_gov:a', 'nih:b', 'nih:zzz'] })).map(
            (c) => c.partitionKey,
          ),
        ).toEqual(['nih:b', 'sam_gov:a']);
        expect(await store.listCheckpoints({ partitionKeys: [] })).toEqual([]);

        expect(await store.deleteCheckpoint('nih:a')).toBe(true);
        expect(await store.deleteCheckpoint('nih:a')).toBe(false);
        expect(await store.getCheckpoint('nih:a')).toBeNull();
      });

      it('lists the freshness fields of one source only', async () => {
        await store.saveCheckpoint(checkpoint('nih:a', { startedAt: minutes(1) }));
        await store.saveCheckpoint(
          checkpoint('nih:b', { status: 'complete', startedAt: minutes(2), lastCompleteAt: minutes(4) }),
        );
        await store.saveCheckpoint(checkpoint('sam_gov:a'));
        const rows = await store.listPartitionFreshness('nih');
        expect(rows.sort((x, y) => x.partitionKey.localeCompare(y.partitionKey))).toEqual([
          { partitionKey: 'nih:a', status: 'running', startedAt: minutes(1), lastCompleteAt: null },
          { partitionKey: 'nih:b', status: 'complete', startedAt: minutes(2), lastCompleteAt: minutes(4) },
        ]);
      });

      it('lists checkpoint summaries of one source only: freshness, attempt, cursor, counts, update time', async () => {
        await store.saveCheckpoint(
          checkpoint('nih:a', {
            status: 'failed',
            startedAt: minutes(1),
            updatedAt: minutes(3),
            cursor: { offset: 500, after: ['a', 1] },
            attempt: 2,
            counts: counts({ slices: 2, written: 10, apiCalls: 7 }),
            runId: 'run-1',
            durationMs: 99,
            error: { code: 'UPSTREAM_UNAVAILABLE', message: '503' },
          }),
        );
        await store.saveCheckpoint(
          checkpoint('nih:b', {
            status: 'complete',
            startedAt: minutes(2),
            updatedAt: minutes(4),
            completedAt: minutes(4),
            lastCompleteAt: minutes(4),
          }),
        );
        await store.saveCheckpoint(checkpoint('sam_gov:a'));
        const rows = await store.listCheckpointSummaries('nih');
        expect(rows.sort((x, y) => x.partitionKey.localeCompare(y.partitionKey))).toEqual([
          {
            partitionKey: 'nih:a',
            status: 'failed',
            startedAt: minutes(1),
            lastCompleteAt: null,
            attempt: 2,
            cursor: { offset: 500, after: ['a', 1] },
            counts: counts({ slices: 2, written: 10, apiCalls: 7 }),
            updatedAt: minutes(3),
          },
          {
            partitionKey: 'nih:b',
            status: 'complete',
            startedAt: minutes(2),
            lastCompleteAt: minutes(4),
            attempt: 1,
            cursor: null,
            counts: counts(),
            updatedAt: minutes(4),
          },
        ]);
        expect(await store.listCheckpointSummaries('patentsview')).toEqual([]);
      });
    });

    describe('records and the ledger', () => {
      const input = (records: RecordInput[], at: Date, partitionKey = 'nih:w1') => ({
        source: 'nih',
        partitionKey,
        records,
        at,
      });

      it('inserts new records at revision 1 with a success ledger entry', async () => {
        const result = await store.upsertRecords(input([rec('a', 'h1'), rec('b', 'h2')], minutes(1)));
        expect(result).toEqual({ written: 2, unchanged: 0, writtenKeys: ['a', 'b'] });
        expect(await store.getRecord('nih', 'a')).toEqual({
          source: 'nih',
          key: 'a',
          partitionKey: 'nih:w1',
          payload: { key: 'a', hash: 'h1' },
          hash: 'h1',
          revision: 1,
          firstSeenAt: minutes(1),
          updatedAt: minutes(1),
        });
        expect(await store.getLedgerEntry('nih', 'a')).toEqual({
          source: 'nih',
          key: 'a',
          partitionKey: 'nih:w1',
          status: 'success',
          hash: 'h1',
          attempts: 1,
          lastAttemptAt: minutes(1),
          lastSuccessAt: minutes(1),
          error: null,
        });
        expect(await store.getRecord('nih', 'zzz')).toBeNull();
        expect(await store.getLedgerEntry('sam_gov', 'a')).toBeNull();
      });

      it('an unchanged hash rewrites nothing but bumps the ledger attempts and times', async () => {
        await store.upsertRecords(input([rec('a', 'h1', { v: 1 })], minutes(1)));
        const result = await store.upsertRecords(input([rec('a', 'h1', { v: 'ignored' })], minutes(2)));
        expect(result).toEqual({ written: 0, unchanged: 1, writtenKeys: [] });
        const record = await store.getRecord('nih', 'a');
        expect(record?.revision).toBe(1);
        expect(record?.payload).toEqual({ v: 1 });
        expect(record?.updatedAt).toEqual(minutes(1));
        const entry = await store.getLedgerEntry('nih', 'a');
        expect(entry?.status).toBe('unchanged');
        expect(entry?.attempts).toBe(2);
        expect(entry?.lastAttemptAt).toEqual(minutes(2));
        expect(entry?.lastSuccessAt).toEqual(minutes(2));
      });

      it('a changed hash bumps the revision and keeps first_seen_at', async () => {
        await store.upsertRecords(input([rec('a', 'h1', { v: 1 }), rec('b', 'h1')], minutes(1)));
        const result = await store.upsertRecords(
          input([rec('a', 'h2', { v: 2 }), rec('b', 'h1')], minutes(2), 'nih:w2'),
        );
        expect(result).toEqual({ written: 1, unchanged: 1, writtenKeys: ['a'] });
        const record = await store.getRecord('nih', 'a');
        expect(record).toMatchObject({
          payload: { v: 2 },
          hash: 'h2',
          revision: 2,
          partitionKey: 'nih:w2',
          firstSeenAt: minutes(1),
          updatedAt: minutes(2),
        });
        expect((await store.getLedgerEntry('nih', 'a'))?.status).toBe('success');
        await store.upsertRecords(input([rec('a', 'h3')], minutes(3)));
        expect((await store.getRecord('nih', 'a'))?.revision).toBe(3);
      });

      it('keeps the last of duplicate keys in one batch', async () => {
        const result = await store.upsertRecords(input([rec('a', 'h1'), rec('a', 'h2')], minutes(1)));
        expect(result.written).toBe(1);
        expect((await store.getRecord('nih', 'a'))?.hash).toBe('h2');
      });

      it('writes batches larger than one statement can carry', async () => {
        const records = Array.from({ length: 5000 }, (_, i) =>
          rec(`k${String(i).padStart(5, '0')}`, `h${i}`),
        );
        const first = await store.upsertRecords(input(records, minutes(1)));
        expect(first.written).toBe(5000);
        const changed = records.map((r, i) => (i % 2 === 0 ? rec(r.key, `${r.hash}x`) : r));
        const second = await store.upsertRecords(input(changed, minutes(2)));
        expect(second).toMatchObject({ written: 2500, unchanged: 2500 });
        expect(await store.countRecords({ source: 'nih' })).toBe(5000);
        expect((await store.getRecord('nih', 'k04998'))?.revision).toBe(2);
        expect((await store.getLedgerEntry('nih', 'k04999'))?.attempts).toBe(2);
      });

      it('records of different sources with the same key are distinct', async () => {
        await store.upsertRecords(input([rec('a', 'h1')], minutes(1)));
        await store.upsertRecords({
          source: 'sam_gov',
          partitionKey: 'sam_gov:b1',
          records: [rec('a', 'h1')],
          at: minutes(1),
        });
        expect(await store.countRecords()).toBe(2);
        expect(await store.countRecords({ source: 'sam_gov' })).toBe(1);
        expect(await store.countRecords({ partitionKey: 'nih:w1' })).toBe(1);
        expect(await store.countRecords({ source: 'nih', partitionKey: 'sam_gov:b1' })).toBe(0);
      });

      it('markLedger failed keeps the last success and hash; a later success clears the error', async () => {
        await store.upsertRecords(input([rec('a', 'h1')], minutes(1)));
        await store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w1',
          keys: ['a', 'new'],
          status: 'failed',
          at: minutes(2),
          error: 'timeout',
        });
        expect(await store.getLedgerEntry('nih', 'a')).toMatchObject({
          status: 'failed',
          hash: 'h1',
          attempts: 2,
          lastAttemptAt: minutes(2),
          lastSuccessAt: minutes(1),
          error: 'timeout',
        });
        expect(await store.getLedgerEntry('nih', 'new')).toMatchObject({
          status: 'failed',
          hash: null,
          attempts: 1,
          lastSuccessAt: null,
        });
        expect(await store.getRecord('nih', 'new')).toBeNull();
        await store.upsertRecords(input([rec('a', 'h1')], minutes(3)));
        expect(await store.getLedgerEntry('nih', 'a')).toMatchObject({
          status: 'unchanged',
          attempts: 3,
          error: null,
        });
      });

      it('markLedger not_found counts as an answer: last_success_at moves', async () => {
        await store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w1',
          keys: ['gone'],
          status: 'not_found',
          at: minutes(4),
        });
        expect(await store.getLedgerEntry('nih', 'gone')).toMatchObject({
          status: 'not_found',
          attempts: 1,
          lastSuccessAt: minutes(4),
          error: null,
        });
      });

      it('a key known only to the ledger is no record until its first write, which is revision 1', async () => {
        await store.upsertRecords(input([rec('a', 'h1')], minutes(1)));
        await store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w1',
          keys: ['late'],
          status: 'failed',
          at: minutes(2),
          error: 'timeout',
        });
        expect(await store.getRecord('nih', 'late')).toBeNull();
        expect(await store.countRecords()).toBe(1);
        expect(await store.countRecords({ partitionKey: 'nih:w1' })).toBe(1);
        expect(await collect(store.recordKeys('nih'))).toEqual(['a']);
        expect((await store.ledgerWatermark()).entries).toBe(2);

        const result = await store.upsertRecords(input([rec('late', 'h2', { v: 2 })], minutes(3)));
        expect(result).toEqual({ written: 1, unchanged: 0, writtenKeys: ['late'] });
        expect(await store.getRecord('nih', 'late')).toEqual({
          source: 'nih',
          key: 'late',
          partitionKey: 'nih:w1',
          payload: { v: 2 },
          hash: 'h2',
          revision: 1,
          firstSeenAt: minutes(3),
          updatedAt: minutes(3),
        });
        expect(await store.getLedgerEntry('nih', 'late')).toMatchObject({
          status: 'success',
          hash: 'h2',
          attempts: 2,
          lastSuccessAt: minutes(3),
          error: null,
        });
        expect(await store.countRecords()).toBe(2);
        expect(await collect(store.recordKeys('nih'))).toEqual(['a', 'late']);
      });

      it('writes one batch of new, changed, unchanged and ledger-only keys in order', async () => {
        await store.upsertRecords(input([rec('k1', 'h'), rec('k2', 'h'), rec('k3', 'h')], minutes(1)));
        await store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w1',
          keys: ['k4'],
          status: 'not_found',
          at: minutes(2),
        });
        const result = await store.upsertRecords(
          input(
            [rec('k0', 'h'), rec('k1', 'h'), rec('k2', 'hx'), rec('k3', 'h'), rec('k4', 'h')],
            minutes(3),
          ),
        );
        expect(result).toEqual({ written: 3, unchanged: 2, writtenKeys: ['k0', 'k2', 'k4'] });
        expect((await store.getLedgerEntry('nih', 'k3'))?.status).toBe('unchanged');
        expect((await store.getRecord('nih', 'k2'))?.revision).toBe(2);
        expect((await store.getRecord('nih', 'k4'))?.revision).toBe(1);
        expect((await store.getRecord('nih', 'k3'))?.updatedAt).toEqual(minutes(1));
      });

      it('the watermark sequence grows with every ledger write', async () => {
        expect(await store.ledgerWatermark()).toEqual({ seq: 0, at: null, entries: 0 });
        await store.upsertRecords(input([rec('a', 'h1'), rec('b', 'h1')], minutes(1)));
        const w1 = await store.ledgerWatermark();
        expect(w1).toEqual({ seq: 1, at: minutes(1), entries: 2 });
        await store.upsertRecords(input([rec('a', 'h1')], minutes(3)));
        const w2 = await store.ledgerWatermark();
        expect(w2.seq).toBeGreaterThan(w1.seq);
        expect(w2).toMatchObject({ at: minutes(3), entries: 2 });
        await store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w1',
          keys: ['c'],
          status: 'failed',
          at: minutes(2),
        });
        const w3 = await store.ledgerWatermark();
        expect(w3.seq).toBeGreaterThan(w2.seq);
        expect(w3).toMatchObject({ at: minutes(3), entries: 3 });
        // Nothing to write, nothing changes.
        await store.upsertRecords(input([], minutes(9)));
        expect(await store.ledgerWatermark()).toEqual(w3);
      });

      it('staleCounts counts never-succeeded and older-than-cutoff entries per partition of one source', async () => {
        await store.upsertRecords(input([rec('a', 'h'), rec('b', 'h')], minutes(10), 'nih:w1'));
        await store.upsertRecords(input([rec('c', 'h')], minutes(30), 'nih:w1'));
        await store.upsertRecords(input([rec('d', 'h')], minutes(10), 'nih:w2'));
        await store.upsertRecords(input([rec('e', 'h')], minutes(30), 'nih:w3'));
        await store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w3',
          keys: ['f'],
          status: 'failed',
          at: minutes(40),
        });
        await store.upsertRecords({
          source: 'sam_gov',
          partitionKey: 'sam_gov:b1',
          records: [rec('x', 'h')],
          at: minutes(0),
        });

        const at20 = await store.staleCounts('nih', minutes(20));
        expect(Object.fromEntries(at20)).toEqual({ 'nih:w1': 2, 'nih:w2': 1, 'nih:w3': 1 });
        // The cutoff is exclusive: a success exactly at the cutoff is fresh.
        const at10 = await store.staleCounts('nih', minutes(10));
        expect(Object.fromEntries(at10)).toEqual({ 'nih:w3': 1 });
        const at31 = await store.staleCounts('nih', minutes(31));
        expect(Object.fromEntries(at31)).toEqual({ 'nih:w1': 3, 'nih:w2': 1, 'nih:w3': 2 });
        expect((await store.staleCounts('patentsview', minutes(31))).size).toBe(0);
      });

      it('ledgerRollup totals statuses, staleness and times per partition', async () => {
        await store.upsertRecords(
          input([rec('a', 'h'), rec('b', 'h'), rec('c', 'h')], minutes(10), 'nih:w1'),
        );
        await store.upsertRecords(input([rec('a', 'h')], minutes(20), 'nih:w1'));
        await store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w1',
          keys: ['b'],
          status: 'failed',
          at: minutes(25),
        });
        await store.markLedger({
          source: 'nih',
          partitionKey: 'nih:w1',
          keys: ['d'],
          status: 'not_found',
          at: minutes(26),
        });
        await store.upsertRecords(input([rec('e', 'h')], minutes(5), 'nih:w2'));
        await store.upsertRecords({
          source: 'sam_gov',
          partitionKey: 'sam_gov:b1',
          records: [rec('x', 'h')],
          at: minutes(1),
        });

        const rollup = await store.ledgerRollup({ staleBefore: minutes(15), source: 'nih' });
        expect(rollup).toEqual([
          {
            partitionKey: 'nih:w1',
            records: 4,
            success: 1,
            unchanged: 1,
            failed: 1,
            notFound: 1,
            stale: 2,
            oldestSuccessAt: minutes(10),
            lastAttemptAt: minutes(26),
          },
          {
            partitionKey: 'nih:w2',
            records: 1,
            success: 1,
            unchanged: 0,
            failed: 0,
            notFound: 0,
            stale: 1,
            oldestSuccessAt: minutes(5),
            lastAttemptAt: minutes(5),
          },
        ]);
        const chosen = await store.ledgerRollup({
          staleBefore: minutes(15),
          partitionKeys: ['sam_gov:b1', 'nih:w2', 'x:y'],
        });
        expect(chosen.map((r) => r.partitionKey)).toEqual(['nih:w2', 'sam_gov:b1']);
        expect(await store.ledgerRollup({ staleBefore: minutes(15), partitionKeys: [] })).toEqual([]);
        expect((await store.ledgerRollup({ staleBefore: minutes(15) })).length).toBe(3);
      });

      it('filters by more partition keys than one statement can bind', async () => {
        const many = Array.from({ length: 70_000 }, (_, i) => `nih:p${i}`);
        await store.upsertRecords(input([rec('a', 'h')], minutes(1), 'nih:p69999'));
        await store.saveCheckpoint(checkpoint('nih:p5'));
        const rollup = await store.ledgerRollup({ staleBefore: minutes(0), partitionKeys: many });
        expect(rollup.map((r) => r.partitionKey)).toEqual(['nih:p69999']);
        expect((await store.listCheckpoints({ partitionKeys: many })).map((c) => c.partitionKey)).toEqual([
          'nih:p5',
        ]);
      });

      it('recordKeys streams every key of a source in key order, across pages', async () => {
        const keys = Array.from({ length: 2503 }, (_, i) => `k${String(i).padStart(5, '0')}`);
        await store.upsertRecords(input(keys.map((k) => rec(k, 'h')).reverse(), minutes(1)));
        await store.upsertRecords({
          source: 'sam_gov',
          partitionKey: 'sam_gov:b1',
          records: [rec('k00001', 'h')],
          at: minutes(1),
        });
        expect(await collect(store.recordKeys('nih'))).toEqual(keys);
        expect(await collect(store.recordKeys('patentsview'))).toEqual([]);
      });

      it('recordKeys with a payload field yields its distinct non-empty string values', async () => {
        const records = Array.from({ length: 1500 }, (_, i) =>
          rec(`k${String(i).padStart(5, '0')}`, 'h', { uei: `UEI${i % 7}`, n: i }),
        );
        records.push(
          rec('z1', 'h', { uei: '' }),
          rec('z2', 'h', { uei: 42 }),
          rec('z3', 'h', { other: 'x' }),
        );
        records.push(rec('z4', 'h', { uei: null }), rec('z5', 'h', ['not', 'an', 'object']));
        await store.upsertRecords(input(records, minutes(1)));
        const values = await collect(store.recordKeys('nih', 'uei'));
        expect(values.sort()).toEqual(['UEI0', 'UEI1', 'UEI2', 'UEI3', 'UEI4', 'UEI5', 'UEI6']);
      });
    });

    describe('transactions', () => {
      it('commits everything the work did', async () => {
        const result = await store.transaction(async (tx) => {
          await tx.upsertRecords({
            source: 'nih',
            partitionKey: 'nih:w1',
            records: [rec('a', 'h')],
            at: minutes(1),
          });
          await tx.saveCheckpoint(checkpoint('nih:w1', { cursor: 1 }));
          expect((await tx.getCheckpoint('nih:w1'))?.cursor).toBe(1);
          return 'done';
        });
        expect(result).toBe('done');
        expect(await store.countRecords()).toBe(1);
        expect((await store.getCheckpoint('nih:w1'))?.cursor).toBe(1);
      });

      it('rolls back everything when the work throws, and rethrows the same error', async () => {
        await store.setMeta('before', 1);
        const before = await store.ledgerWatermark();
        const boom = new Error('boom');
        const err = await store
          .transaction(async (tx) => {
            await tx.upsertRecords({
              source: 'nih',
              partitionKey: 'nih:w1',
              records: [rec('a', 'h')],
              at: minutes(1),
            });
            await tx.markLedger({
              source: 'nih',
              partitionKey: 'nih:w1',
              keys: ['b'],
              status: 'failed',
              at: minutes(1),
            });
            await tx.saveCheckpoint(checkpoint('nih:w1'));
            await tx.setMeta('before', 2);
            await tx.createRun(run('r1'));
            throw boom;
          })
          .catch((e: unknown) => e);
        expect(err).toBe(boom);
        expect(await store.countRecords()).toBe(0);
        expect(await store.getLedgerEntry('nih', 'b')).toBeNull();
        expect(await store.getCheckpoint('nih:w1')).toBeNull();
        expect(await store.getMeta('before')).toBe(1);
        expect(await store.getRun('r1')).toBeNull();
        expect(await store.ledgerWatermark()).toEqual(before);
      });

      it('runs a nested transaction inline, in the outer one', async () => {
        await store
          .transaction(async (tx) => {
            await tx.transaction(async (inner) => {
              await inner.setMeta('k', 'v');
            });
            expect(await tx.getMeta('k')).toBe('v');
            throw new Error('undo all');
          })
          .catch(() => undefined);
        expect(await store.getMeta('k')).toBeNull();
      });

      it("refuses a transaction's store once the transaction has ended", async () => {
        let escaped: Store | undefined;
        await store.transaction(async (tx) => {
          escaped = tx;
        });
        await expectStoreError(escaped!.getMeta('k'));
      });

      it('serialises concurrent transactions on one store without losing updates', async () => {
        await Promise.all(
          Array.from({ length: 20 }, () =>
            store.transaction(async (tx) => {
              const value = ((await tx.getMeta('counter')) as number | null) ?? 0;
              await new Promise((r) => setTimeout(r, 1));
              await tx.setMeta('counter', value + 1);
            }),
          ),
        );
        expect(await store.getMeta('counter')).toBe(20);
      });
    });

    describe('runs', () => {
      it('creates, reads and patches a run', async () => {
        const row = run('r1', {
          runKey: 'nightly:2025-03-01',
          trigger: 'schedule',
          scope: { all: true },
          plan: ['nih:w1'],
        });
        expect(await store.createRun(row)).toBe(true);
        expect(await store.getRun('r1')).toEqual(row);
        await store.updateRun('r1', {
          status: 'succeeded',
          finishedAt: minutes(9),
          metadata: { slaGapsClosed: [{ partition: 'nih:w1' }] },
        });
        expect(await store.getRun('r1')).toEqual({
          ...row,
          status: 'succeeded',
          finishedAt: minutes(9),
          metadata: { slaGapsClosed: [{ partition: 'nih:w1' }] },
        });
        await store.updateRun('r1', { error: { code: 'X', message: 'y' }, finishedAt: null });
        expect(await store.getRun('r1')).toMatchObject({
          error: { code: 'X', message: 'y' },
          finishedAt: null,
        });
        expect(await store.getRun('nope')).toBeNull();
      });

      it('refuses a second run with the same runKey and inserts nothing', async () => {
        expect(await store.createRun(run('r1', { runKey: 'k' }))).toBe(true);
        expect(await store.createRun(run('r2', { runKey: 'k' }))).toBe(false);
        expect(await store.getRun('r2')).toBeNull();
        expect(await store.createRun(run('r3'))).toBe(true);
        expect(await store.createRun(run('r4'))).toBe(true);
        expect((await store.listRuns()).length).toBe(3);
      });

      it('a duplicate run id is an error, not a refusal', async () => {
        await store.createRun(run('r1'));
        await expectStoreError(store.createRun(run('r1', { runKey: 'other' })));
      });

      it('lists runs newest first, by status, with a limit', async () => {
        await store.createRun(run('r1', { startedAt: minutes(1), status: 'succeeded' }));
        await store.createRun(run('r2', { startedAt: minutes(3), status: 'failed' }));
        await store.createRun(run('r3', { startedAt: minutes(2), status: 'succeeded' }));
        expect((await store.listRuns()).map((r) => r.id)).toEqual(['r2', 'r3', 'r1']);
        expect((await store.listRuns({ limit: 2 })).map((r) => r.id)).toEqual(['r2', 'r3']);
        expect((await store.listRuns({ status: 'succeeded' })).map((r) => r.id)).toEqual(['r3', 'r1']);
      });

      it('saves run partitions by (run, partition) and lists them', async () => {
        await store.createRun(run('r1'));
        await store.createRun(run('r2'));
        const p1 = {
          runId: 'r1',
          partitionKey: 'nih:w2',
          status: 'failed' as const,
          counts: counts({ slices: 1 }),
          retries: 2,
          durationMs: 50,
          error: { code: 'TIMEOUT', message: 'slow' },
          slaGapClosed: null,
        };
        await store.saveRunPartition(p1);
        await store.saveRunPartition({ ...p1, partitionKey: 'nih:w1', status: 'skipped', error: null });
        await store.saveRunPartition({
          ...p1,
          status: 'complete',
          error: null,
          slaGapClosed: { since: 'x', stale: 3 },
        });
        await store.saveRunPartition({ ...p1, runId: 'r2' });
        const rows = await store.listRunPartitions('r1');
        expect(rows.map((r) => [r.partitionKey, r.status])).toEqual([
          ['nih:w1', 'skipped'],
          ['nih:w2', 'complete'],
        ]);
        expect(rows[1]).toEqual({
          ...p1,
          status: 'complete',
          error: null,
          slaGapClosed: { since: 'x', stale: 3 },
        });
        expect(await store.listRunPartitions('none')).toEqual([]);
      });
    });

    describe('assets and the sensor', () => {
      it('appends asset events with growing ids and lists them newest first', async () => {
        const a = await store.appendAssetEvent({
          asset: 'bulk_awards',
          status: 'success',
          message: null,
          at: minutes(1),
        });
        const b = await store.appendAssetEvent({
          asset: 'bulk_awards',
          status: 'failure',
          message: 'oom',
          at: minutes(2),
        });
        const c = await store.appendAssetEvent({
          asset: 'bulk_entities',
          status: 'success',
          message: null,
          at: minutes(3),
        });
        expect(b.id).toBeGreaterThan(a.id);
        expect(c.id).toBeGreaterThan(b.id);
        expect(b).toEqual({
          id: b.id,
          asset: 'bulk_awards',
          status: 'failure',
          message: 'oom',
          at: minutes(2),
        });
        expect((await store.listAssetEvents()).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
        expect((await store.listAssetEvents({ asset: 'bulk_awards' })).map((e) => e.id)).toEqual([
          b.id,
          a.id,
        ]);
        expect((await store.listAssetEvents({ since: minutes(2) })).map((e) => e.id)).toEqual([c.id, b.id]);
        expect((await store.listAssetEvents({ limit: 1 })).map((e) => e.id)).toEqual([c.id]);
        expect(await store.latestAssetEvents()).toEqual([b, c]);
      });

      it('saves sensor state with compare-and-set on the version', async () => {
        expect(await store.getSensorState('upstream')).toBeNull();
        expect(await store.saveSensorState('upstream', { state: 'waiting' }, 0, minutes(1))).toBe(true);
        expect(await store.saveSensorState('upstream', { state: 'other' }, 0, minutes(1))).toBe(false);
        expect(await store.getSensorState('upstream')).toEqual({
          name: 'upstream',
          state: { state: 'waiting' },
          version: 1,
          updatedAt: minutes(1),
        });
        expect(await store.saveSensorState('upstream', { state: 'active' }, 1, minutes(2))).toBe(true);
        expect(await store.saveSensorState('upstream', { state: 'paused' }, 1, minutes(3))).toBe(false);
        expect(await store.saveSensorState('missing', { state: 'paused' }, 4, minutes(3))).toBe(false);
        expect(await store.getSensorState('upstream')).toMatchObject({
          state: { state: 'active' },
          version: 2,
        });
      });

      it('appends sensor transitions and lists them newest first', async () => {
        await store.appendSensorTransition({
          name: 's',
          from: null,
          to: 'waiting',
          reason: null,
          at: minutes(1),
        });
        await store.appendSensorTransition({
          name: 's',
          from: 'waiting',
          to: 'active',
          reason: 'all ok',
          at: minutes(2),
        });
        await store.appendSensorTransition({
          name: 's',
          from: 'active',
          to: 'paused',
          reason: 'x failed',
          at: minutes(3),
        });
        await store.appendSensorTransition({
          name: 'other',
          from: null,
          to: 'waiting',
          reason: null,
          at: minutes(4),
        });
        const all = await store.listSensorTransitions('s');
        expect(all.map((t) => t.to)).toEqual(['paused', 'active', 'waiting']);
        expect(all[1]).toEqual({
          name: 's',
          from: 'waiting',
          to: 'active',
          reason: 'all ok',
          at: minutes(2),
        });
        expect((await store.listSensorTransitions('s', 1)).map((t) => t.to)).toEqual(['paused']);
      });
    });

    describe('leases', () => {
      it('grants a free lease, refuses another holder, renews for the holder', async () => {
        expect(await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0))).toBe(true);
        expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0.5))).toBe(false);
        expect(await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0.5))).toBe(true);
        expect(await store.listLeases(minutes(1))).toEqual([
          { partitionKey: 'nih:w1', holder: 'run-a', expiresAt: minutes(1.5) },
        ]);
        // Renewed until 1.5 min: still held at 1 min.
        expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(1))).toBe(false);
      });

      it('lets another holder take over an expired lease', async () => {
        await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0));
        expect(await store.listLeases(minutes(1))).toEqual([]);
        expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(1))).toBe(true);
        expect(await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(1.5))).toBe(false);
        expect(await store.listLeases(minutes(1.5))).toEqual([
          { partitionKey: 'nih:w1', holder: 'run-b', expiresAt: minutes(2) },
        ]);
      });

      it('releases only for the holder', async () => {
        await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0));
        await store.releaseLease('nih:w1', 'run-b');
        expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0))).toBe(false);
        await store.releaseLease('nih:w1', 'run-a');
        expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0))).toBe(true);
      });

      it('grants one of many concurrent claims', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.acquireLease('nih:w9', `run-${i}`, 60_000, minutes(0))),
        );
        expect(results.filter(Boolean).length).toBe(1);
      });
    });

    describe('quota', () => {
      it('counts within the budget and refuses what would exceed it', async () => {
        expect(await store.consumeQuota('nih', '2025-03-01', 3, 5)).toEqual({ granted: true, used: 3 });
        expect(await store.consumeQuota('nih', '2025-03-01', 3, 5)).toEqual({ granted: false, used: 3 });
        expect(await store.consumeQuota('nih', '2025-03-01', 2, 5)).toEqual({ granted: true, used: 5 });
        expect(await store.consumeQuota('nih', '2025-03-01', 1, 5)).toEqual({ granted: false, used: 5 });
        expect(await store.consumeQuota('nih', '2025-03-02', 6, 5)).toEqual({ granted: false, used: 0 });
        expect(await store.quotaUsed('nih', '2025-03-01')).toBe(5);
        expect(await store.quotaUsed('nih', '2025-03-02')).toBe(0);
        expect(await store.quotaUsed('sam_gov', '2025-03-01')).toBe(0);
      });

      it('counts without limit when the budget is null', async () => {
        await store.consumeQuota('nih', '2025-03-01', 1000, null);
        expect(await store.consumeQuota('nih', '2025-03-01', 1000, null)).toEqual({
          granted: true,
          used: 2000,
        });
      });

      it('never exceeds the budget under 50 concurrent calls', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, () => store.consumeQuota('nih', '2025-03-01', 1, 20)),
        );
        expect(results.filter((r) => r.granted).length).toBe(20);
        expect(Math.max(...results.map((r) => r.used))).toBe(20);
        expect(await store.quotaUsed('nih', '2025-03-01')).toBe(20);
      });
    });

    describe('artifacts and meta', () => {
      it('keeps artifact history and returns the latest by written time', async () => {
        expect(await store.latestArtifact()).toBeNull();
        const first = {
          runId: 'r1',
          writtenAt: minutes(5),
          watermark: { seq: 3, at: minutes(4), entries: 10 },
          sha256: 'a'.repeat(64),
        };
        const older = {
          runId: 'r0',
          writtenAt: minutes(1),
          watermark: { seq: 0, at: null, entries: 0 },
          sha256: 'b'.repeat(64),
        };
        await store.recordArtifact(first);
        await store.recordArtifact(older);
        expect(await store.latestArtifact()).toEqual(first);
        const second = { ...first, runId: 'r2', writtenAt: minutes(6) };
        await store.recordArtifact(second);
        expect(await store.latestArtifact()).toEqual(second);
      });

      it('stores JSON meta values; null deletes', async () => {
        expect(await store.getMeta('k')).toBeNull();
        await store.setMeta('k', { a: [1, 'two', null, true] });
        expect(await store.getMeta('k')).toEqual({ a: [1, 'two', null, true] });
        await store.setMeta('k', 'replaced');
        expect(await store.getMeta('k')).toBe('replaced');
        await store.setMeta('k', null);
        expect(await store.getMeta('k')).toBeNull();
      });
    });

    describe('errors', () => {
      it('refuses calls after close with STORE_ERROR', async () => {
        const other = await openStore();
        await other.close();
        await expectStoreError(other.getMeta('k'));
        await expectStoreError(other.setMeta('k', 1));
      });
    });

    describeFreshnessSummaryContract(openStore);
  });
}
