import type { Store } from '@freshet/core';
import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { checkpoint, expectStoreError, minutes, rec, run } from './fixtures.js';

/** `transaction`: all of its work or none, one at a time on one store. */
export const transactionChecks = defineChecks({
  commit: {
    title: 'commits everything the work did',
    async run({ store }) {
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
    },
  },
  rollback: {
    title: 'rolls back everything when the work throws, and rethrows the same error',
    async run({ store }) {
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
    },
  },
  nested: {
    title: 'runs a nested transaction inline, in the outer one',
    async run({ store }) {
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
    },
  },
  endedTransaction: {
    title: "refuses a transaction's store once the transaction has ended",
    async run({ store }) {
      let escaped: Store | undefined;
      await store.transaction(async (tx) => {
        escaped = tx;
      });
      await expectStoreError(escaped!.getMeta('k'));
    },
  },
  concurrent: {
    title: 'serialises concurrent transactions on one store without losing updates',
    async run({ store }) {
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
    },
  },
});
