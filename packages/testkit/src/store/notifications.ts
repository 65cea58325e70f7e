import type { NotificationInput, Store } from '@freshet/core';
import { expect } from 'vitest';
import { defineChecks } from './check.js';
import { counts, minutes, run } from './fixtures.js';

const message = (id: string, over: Partial<NotificationInput> = {}): NotificationInput => ({
  id,
  messageId: `m-${id}`,
  target: 'ops',
  event: 'run.finished',
  body: JSON.stringify({ id: `m-${id}` }),
  createdAt: minutes(0),
  ...over,
});

const claim = (store: Store, holder: string, at: number, limit = 10) =>
  store.claimNotifications({ holder, now: minutes(at), limit, claimMs: 5 * 60_000 });

/** The notification outbox: queued once, claimed by one process at a time, settled by its holder. */
export const notificationChecks = defineChecks({
  enqueueOnce: {
    title: 'queues a message id once, however often it is enqueued',
    async run({ store }) {
      expect(await store.enqueueNotifications([message('a'), message('b')])).toBe(2);
      expect(await store.enqueueNotifications([message('a', { body: '{"changed":true}' })])).toBe(0);
      const listed = await store.listNotifications();
      expect(listed.map((n) => n.id).sort()).toEqual(['a', 'b']);
      const a = listed.find((n) => n.id === 'a');
      expect(a).toMatchObject({ state: 'pending', attempts: 0, body: '{"id":"m-a"}', lastError: null });
    },
  },
  claimOnce: {
    title: 'gives a due message to one claimer; again only when the claim runs out',
    async run({ store }) {
      await store.enqueueNotifications([message('a'), message('b', { createdAt: minutes(30) })]);
      const [first, second] = await Promise.all([claim(store, 'w1', 1), claim(store, 'w2', 1)]);
      // `b` is not due before minute 30; `a` goes to exactly one of the two.
      expect([...first, ...second].map((n) => n.id)).toEqual(['a']);
      expect(await claim(store, 'w3', 5)).toEqual([]);
      const retaken = await claim(store, 'w3', 7);
      expect(retaken.map((n) => n.id)).toEqual(['a']);
      const stale = [...first, ...second][0];
      // The first holder's claim ran out and was taken: its settlement is refused.
      expect(
        await store.settleNotification('a', stale?.claimToken ?? '', {
          state: 'delivered',
          lastError: null,
          lastStatus: 200,
          at: minutes(8),
        }),
      ).toBe(false);
    },
  },
  settle: {
    title: 'settles: delivered, retried later with the error kept, or failed for good',
    async run({ store }) {
      await store.enqueueNotifications([message('a'), message('b'), message('c')]);
      const claimed = await claim(store, 'w1', 1);
      const token = (id: string) => claimed.find((n) => n.id === id)?.claimToken ?? '';
      expect(
        await store.settleNotification('a', token('a'), {
          state: 'delivered',
          lastError: null,
          lastStatus: 204,
          at: minutes(2),
        }),
      ).toBe(true);
      await store.settleNotification('b', token('b'), {
        state: 'pending',
        nextAttemptAt: minutes(10),
        lastError: 'HTTP 503',
        lastStatus: 503,
        at: minutes(2),
      });
      await store.settleNotification('c', token('c'), {
        state: 'failed',
        lastError: 'HTTP 404',
        lastStatus: 404,
        at: minutes(2),
      });
      expect((await claim(store, 'w1', 9)).map((n) => n.id)).toEqual([]);
      expect((await claim(store, 'w1', 10)).map((n) => n.id)).toEqual(['b']);
      const byId = new Map((await store.listNotifications()).map((n) => [n.id, n]));
      expect(byId.get('a')).toMatchObject({
        state: 'delivered',
        attempts: 1,
        lastStatus: 204,
        deliveredAt: minutes(2),
      });
      expect(byId.get('b')).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 503' });
      expect(byId.get('c')).toMatchObject({
        state: 'failed',
        attempts: 1,
        lastError: 'HTTP 404',
        deliveredAt: null,
      });
      expect((await store.listNotifications({ state: 'failed' })).map((n) => n.id)).toEqual(['c']);
    },
  },
  listNewestFirst: {
    title: 'lists newest first, within the limit',
    async run({ store }) {
      await store.enqueueNotifications([0, 1, 2].map((i) => message(`n${i}`, { createdAt: minutes(i) })));
      expect((await store.listNotifications({ limit: 2 })).map((n) => n.id)).toEqual(['n2', 'n1']);
    },
  },
  partitionResults: {
    title: "lists a partition's complete and failed results, newest run first",
    async run({ store }) {
      const error = { code: 'UPSTREAM_UNAVAILABLE', message: 'HTTP 503' };
      for (const [i, status] of (['complete', 'failed', 'skipped', 'failed'] as const).entries()) {
        await store.createRun(run(`r${i}`, { startedAt: minutes(i) }));
        await store.saveRunPartition({
          runId: `r${i}`,
          partitionKey: 'nih:project_week_2025-W12',
          status,
          counts: counts(),
          retries: 0,
          durationMs: 1,
          error: status === 'failed' ? error : null,
          slaGapClosed: null,
        });
      }
      const results = await store.recentPartitionResults('nih:project_week_2025-W12', 3);
      expect(results.map((r) => [r.runId, r.status])).toEqual([
        ['r3', 'failed'],
        ['r1', 'failed'],
        ['r0', 'complete'],
      ]);
      expect(results[0]?.error).toEqual(error);
      expect(await store.recentPartitionResults('nih:other', 3)).toEqual([]);
    },
  },
});
