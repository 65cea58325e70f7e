import { ErrorCodes, isFreshetError, type Store } from '@freshet/core';
import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { minutes } from './fixtures.js';

/** The fencing token of `holder`'s grant, failing the check when there is none. */
async function tokenOf(store: Store, key: string, holder: string, at: Date): Promise<number> {
  const grant = await store.acquireLease(key, holder, 60_000, at);
  expect(grant, `${holder} should get the lease on ${key}`).not.toBeNull();
  return grant?.token ?? Number.NaN;
}

async function leaseLostOf(check: Promise<void>): Promise<unknown> {
  return check.then(
    () => null,
    (err: unknown) => err,
  );
}

/** Leases: one holder at a time until it expires, with fencing tokens; time is the caller's `now`. */
export const leaseChecks = defineChecks({
  grantRenew: {
    title: 'grants a free lease, refuses another holder, renews for the holder',
    async run({ store }) {
      const first = await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0));
      expect(first).toEqual({ token: expect.any(Number), expiresAt: minutes(1) });
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0.5))).toBeNull();
      // Taken again by its holder while in force: renewed, same token.
      expect(await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0.5))).toEqual({
        token: first?.token,
        expiresAt: minutes(1.5),
      });
      expect(await store.listLeases(minutes(1))).toEqual([
        { partitionKey: 'nih:w1', holder: 'run-a', expiresAt: minutes(1.5), token: first?.token },
      ]);
      // Renewed until 1.5 min: still held at 1 min.
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(1))).toBeNull();
    },
  },
  expiredTakeover: {
    title: 'lets another holder take over an expired lease, with a higher token',
    async run({ store }) {
      const a = await tokenOf(store, 'nih:w1', 'run-a', minutes(0));
      expect(await store.listLeases(minutes(1))).toEqual([]);
      const b = await tokenOf(store, 'nih:w1', 'run-b', minutes(1));
      expect(b).toBeGreaterThan(a);
      expect(await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(1.5))).toBeNull();
      expect(await store.listLeases(minutes(1.5))).toEqual([
        { partitionKey: 'nih:w1', holder: 'run-b', expiresAt: minutes(2), token: b },
      ]);
    },
  },
  releaseByHolder: {
    title: 'releases only for the holder',
    async run({ store }) {
      await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0));
      await store.releaseLease('nih:w1', 'run-b');
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0))).toBeNull();
      await store.releaseLease('nih:w1', 'run-a');
      expect(await store.listLeases(minutes(0))).toEqual([]);
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0))).not.toBeNull();
    },
  },
  tokensNeverRepeat: {
    title: 'gives every new holding a higher token, across releases and the same holder returning',
    async run({ store }) {
      const tokens = [
        await tokenOf(store, 'nih:w1', 'run-a', minutes(0)),
        await tokenOf(store, 'nih:w1', 'run-b', minutes(2)), // after run-a expired
      ];
      await store.releaseLease('nih:w1', 'run-b');
      tokens.push(await tokenOf(store, 'nih:w1', 'run-c', minutes(2)));
      // run-c's lease runs out, then run-c takes it again: a new holding, a new token.
      tokens.push(await tokenOf(store, 'nih:w1', 'run-c', minutes(4)));
      for (let i = 1; i < tokens.length; i++) expect(tokens[i]).toBeGreaterThan(tokens[i - 1] as number);
      // Tokens are per key: another partition's leases do not share them, nor disturb them.
      await tokenOf(store, 'nih:w2', 'run-a', minutes(4));
      expect((await store.listLeases(minutes(4))).find((l) => l.partitionKey === 'nih:w1')?.token).toBe(
        tokens[3],
      );
    },
  },
  renewWithToken: {
    title: 'renews a holding only while its token is current, even past its expiry',
    async run({ store }) {
      const a = await tokenOf(store, 'nih:w1', 'run-a', minutes(0));
      expect(await store.renewLease('nih:w1', 'run-a', a, 60_000, minutes(0.5))).toBe(true);
      expect(await store.listLeases(minutes(1.2))).toEqual([
        { partitionKey: 'nih:w1', holder: 'run-a', expiresAt: minutes(1.5), token: a },
      ]);
      // Ran out, but nobody took over: the holder may still renew.
      expect(await store.renewLease('nih:w1', 'run-a', a, 60_000, minutes(2))).toBe(true);
      expect(await store.renewLease('nih:w1', 'run-a', a + 1, 60_000, minutes(2))).toBe(false);
      expect(await store.renewLease('nih:w1', 'run-b', a, 60_000, minutes(2))).toBe(false);
      await tokenOf(store, 'nih:w1', 'run-b', minutes(4));
      expect(await store.renewLease('nih:w1', 'run-a', a, 60_000, minutes(4))).toBe(false);
    },
  },
  fencedCommit: {
    title: 'fences a transaction: a stale token fails LEASE_LOST and writes nothing',
    async run({ store }) {
      const a = await tokenOf(store, 'nih:w1', 'run-a', minutes(0));
      await store.transaction(async (tx) => {
        await tx.checkLease('nih:w1', 'run-a', a);
        await tx.setMeta('written-by', 'run-a');
      });
      expect(await store.getMeta('written-by')).toBe('run-a');
      // run-a pauses past its lease; run-b takes over.
      await tokenOf(store, 'nih:w1', 'run-b', minutes(2));
      const err = await leaseLostOf(
        store.transaction(async (tx) => {
          await tx.checkLease('nih:w1', 'run-a', a);
          await tx.setMeta('written-by', 'run-a again');
        }),
      );
      expect(isFreshetError(err, ErrorCodes.LEASE_LOST), String(err)).toBe(true);
      expect(await store.getMeta('written-by')).toBe('run-a');
      // A key never leased has no holder to check against.
      expect(
        isFreshetError(await leaseLostOf(store.checkLease('nih:w9', 'run-a', 1)), ErrorCodes.LEASE_LOST),
      ).toBe(true);
    },
  },
  concurrentClaims: {
    title: 'grants one of many concurrent claims',
    async run({ store }) {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.acquireLease('nih:w9', `run-${i}`, 60_000, minutes(0))),
      );
      expect(results.filter(Boolean).length).toBe(1);
    },
  },
});
