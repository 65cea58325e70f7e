import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { minutes } from './fixtures.js';

/** Partition leases: one holder at a time until it expires; time is the caller's `now`. */
export const leaseChecks = defineChecks({
  grantRenew: {
    title: 'grants a free lease, refuses another holder, renews for the holder',
    async run({ store }) {
      expect(await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0))).toBe(true);
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0.5))).toBe(false);
      expect(await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0.5))).toBe(true);
      expect(await store.listLeases(minutes(1))).toEqual([
        { partitionKey: 'nih:w1', holder: 'run-a', expiresAt: minutes(1.5) },
      ]);
      // Renewed until 1.5 min: still held at 1 min.
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(1))).toBe(false);
    },
  },
  expiredTakeover: {
    title: 'lets another holder take over an expired lease',
    async run({ store }) {
      await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0));
      expect(await store.listLeases(minutes(1))).toEqual([]);
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(1))).toBe(true);
      expect(await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(1.5))).toBe(false);
      expect(await store.listLeases(minutes(1.5))).toEqual([
        { partitionKey: 'nih:w1', holder: 'run-b', expiresAt: minutes(2) },
      ]);
    },
  },
  releaseByHolder: {
    title: 'releases only for the holder',
    async run({ store }) {
      await store.acquireLease('nih:w1', 'run-a', 60_000, minutes(0));
      await store.releaseLease('nih:w1', 'run-b');
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0))).toBe(false);
      await store.releaseLease('nih:w1', 'run-a');
      expect(await store.acquireLease('nih:w1', 'run-b', 60_000, minutes(0))).toBe(true);
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
