import type { RecordInput } from '@freshet/core';
import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { checkpoint, collect, minutes, rec } from './fixtures.js';

const input = (records: RecordInput[], at: Date, partitionKey = 'nih:w1') => ({
  source: 'nih',
  partitionKey,
  records,
  at,
});

/**
 * Records and the freshness ledger: revisions grow only when the payload hash changes; the
 * ledger counts every attempt; totals, stale counts and key streams read it back.
 */
export const recordChecks = defineChecks({
  insert: {
    title: 'inserts new records at revision 1 with a success ledger entry',
    async run({ store }) {
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
    },
  },
  unchangedHash: {
    title: 'an unchanged hash rewrites nothing but bumps the ledger attempts and times',
    async run({ store }) {
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
    },
  },
  changedHash: {
    title: 'a changed hash bumps the revision and keeps first_seen_at',
    async run({ store }) {
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
    },
  },
  duplicateKeys: {
    title: 'keeps the last of duplicate keys in one batch',
    async run({ store }) {
      const result = await store.upsertRecords(input([rec('a', 'h1'), rec('a', 'h2')], minutes(1)));
      expect(result.written).toBe(1);
      expect((await store.getRecord('nih', 'a'))?.hash).toBe('h2');
    },
  },
  largeBatch: {
    title: 'writes batches larger than one statement can carry',
    timeoutMs: 60_000,
    async run({ store }) {
      const records = Array.from({ length: 5000 }, (_, i) => rec(`k${String(i).padStart(5, '0')}`, `h${i}`));
      const first = await store.upsertRecords(input(records, minutes(1)));
      expect(first.written).toBe(5000);
      const changed = records.map((r, i) => (i % 2 === 0 ? rec(r.key, `${r.hash}x`) : r));
      const second = await store.upsertRecords(input(changed, minutes(2)));
      expect(second).toMatchObject({ written: 2500, unchanged: 2500 });
      expect(await store.countRecords({ source: 'nih' })).toBe(5000);
      expect((await store.getRecord('nih', 'k04998'))?.revision).toBe(2);
      expect((await store.getLedgerEntry('nih', 'k04999'))?.attempts).toBe(2);
    },
  },
  sourcesApart: {
    title: 'records of different sources with the same key are distinct',
    async run({ store }) {
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
    },
  },
  markFailed: {
    title: 'markLedger failed keeps the last success and hash; a later success clears the error',
    async run({ store }) {
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
    },
  },
  markNotFound: {
    title: 'markLedger not_found counts as an answer: last_success_at moves',
    async run({ store }) {
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
    },
  },
  ledgerOnlyKey: {
    title: 'a key known only to the ledger is no record until its first write, which is revision 1',
    async run({ store }) {
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
    },
  },
  mixedBatch: {
    title: 'writes one batch of new, changed, unchanged and ledger-only keys in order',
    async run({ store }) {
      await store.upsertRecords(input([rec('k1', 'h'), rec('k2', 'h'), rec('k3', 'h')], minutes(1)));
      await store.markLedger({
        source: 'nih',
        partitionKey: 'nih:w1',
        keys: ['k4'],
        status: 'not_found',
        at: minutes(2),
      });
      const result = await store.upsertRecords(
        input([rec('k0', 'h'), rec('k1', 'h'), rec('k2', 'hx'), rec('k3', 'h'), rec('k4', 'h')], minutes(3)),
      );
      expect(result).toEqual({ written: 3, unchanged: 2, writtenKeys: ['k0', 'k2', 'k4'] });
      expect((await store.getLedgerEntry('nih', 'k3'))?.status).toBe('unchanged');
      expect((await store.getRecord('nih', 'k2'))?.revision).toBe(2);
      expect((await store.getRecord('nih', 'k4'))?.revision).toBe(1);
      expect((await store.getRecord('nih', 'k3'))?.updatedAt).toEqual(minutes(1));
    },
  },
  watermark: {
    title: 'the watermark sequence grows with every ledger write',
    async run({ store }) {
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
    },
  },
  staleCounts: {
    title: 'staleCounts counts never-succeeded and older-than-cutoff entries per partition of one source',
    async run({ store }) {
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
    },
  },
  ledgerRollup: {
    title: 'ledgerRollup totals statuses, staleness and times per partition',
    async run({ store }) {
      await store.upsertRecords(input([rec('a', 'h'), rec('b', 'h'), rec('c', 'h')], minutes(10), 'nih:w1'));
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
    },
  },
  manyPartitionKeys: {
    title: 'filters by more partition keys than one statement can bind',
    timeoutMs: 60_000,
    async run({ store }) {
      const many = Array.from({ length: 70_000 }, (_, i) => `nih:p${i}`);
      await store.upsertRecords(input([rec('a', 'h')], minutes(1), 'nih:p69999'));
      await store.saveCheckpoint(checkpoint('nih:p5'));
      const rollup = await store.ledgerRollup({ staleBefore: minutes(0), partitionKeys: many });
      expect(rollup.map((r) => r.partitionKey)).toEqual(['nih:p69999']);
      expect((await store.listCheckpoints({ partitionKeys: many })).map((c) => c.partitionKey)).toEqual([
        'nih:p5',
      ]);
    },
  },
  recordKeys: {
    title: 'recordKeys streams every key of a source in key order, across pages',
    timeoutMs: 60_000,
    async run({ store }) {
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
    },
  },
  recordKeysByField: {
    title: 'recordKeys with a payload field yields its distinct non-empty string values',
    timeoutMs: 60_000,
    async run({ store }) {
      const records = Array.from({ length: 1500 }, (_, i) =>
        rec(`k${String(i).padStart(5, '0')}`, 'h', { uei: `UEI${i % 7}`, n: i }),
      );
      records.push(rec('z1', 'h', { uei: '' }), rec('z2', 'h', { uei: 42 }), rec('z3', 'h', { other: 'x' }));
      records.push(rec('z4', 'h', { uei: null }), rec('z5', 'h', ['not', 'an', 'object']));
      await store.upsertRecords(input(records, minutes(1)));
      const values = await collect(store.recordKeys('nih', 'uei'));
      expect(values.sort()).toEqual(['UEI0', 'UEI1', 'UEI2', 'UEI3', 'UEI4', 'UEI5', 'UEI6']);
    },
  },
});
