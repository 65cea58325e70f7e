import {
  enqueueNotification,
  MAX_DELIVERY_ATTEMPTS,
  NOTIFY_EVENTS,
  type NotifyTarget,
  type Store,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ManualClock, manualClock } from '../test-support/clock.js';
import type { FetchLike } from './deliver.js';
import { createNotificationDispatcher } from './dispatcher.js';

const SECRET = 'whsec_dispatcher_secret_0001';
const target: NotifyTarget = {
  name: 'ops',
  url: 'https://bot:url-password-1@hooks.example.com/x',
  events: new Set(NOTIFY_EVENTS),
  secret: SECRET,
  timeoutMs: 1000,
};

let store: Store;
let clock: ManualClock;

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
  clock = manualClock('2025-03-20T12:00:00Z');
  await enqueueNotification(store, [target], {
    event: 'quota.spent',
    dedupKey: 'quota.spent:nih:2025-03-20',
    data: {
      source: 'nih',
      day: '2025-03-20',
      used: 10,
      dailyBudget: 10,
      resetAt: '2025-03-21T00:00:00.000Z',
    },
    at: clock.now(),
  });
});
afterEach(async () => {
  await store.close();
});

/** A receiver that answers with the given responses in turn (the last one for ever after). */
function answering(...answers: Array<Response | Error>): FetchLike & { calls: number } {
  const fake = Object.assign(
    async () => {
      const answer = answers[Math.min(fake.calls, answers.length - 1)];
      fake.calls++;
      if (answer instanceof Error) throw answer;
      return (answer as Response).clone();
    },
    { calls: 0 },
  );
  return fake;
}

const only = async () => (await store.listNotifications())[0];

describe('the notification dispatcher', () => {
  it('waits the receiver’s Retry-After when it is longer than the backoff', async () => {
    const fetch = answering(new Response('busy', { status: 429, headers: { 'retry-after': '600' } }));
    const dispatcher = createNotificationDispatcher({
      store,
      targets: [target],
      clock,
      fetch,
      random: () => 0,
    });
    await dispatcher.deliverDue();
    expect(await only()).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastStatus: 429,
      lastError: 'HTTP 429: busy',
      nextAttemptAt: new Date(clock.now().getTime() + 600_000),
    });
  });

  it('gives up at once on a refusal (404), without retrying', async () => {
    const fetch = answering(new Response('no such hook', { status: 404 }));
    const dispatcher = createNotificationDispatcher({ store, targets: [target], clock, fetch });
    await dispatcher.deliverDue();
    clock.advance(24 * 60 * 60_000);
    await dispatcher.deliverDue();
    expect(fetch.calls).toBe(1);
    expect(await only()).toMatchObject({ state: 'failed', attempts: 1, lastStatus: 404 });
  });

  it(`fails a message after ${MAX_DELIVERY_ATTEMPTS} attempts, naming the error without credentials`, async () => {
    const fetch = answering(
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    );
    const dispatcher = createNotificationDispatcher({ store, targets: [target], clock, fetch });
    for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 3; i++) {
      await dispatcher.deliverDue();
      clock.advance(2 * 60 * 60_000);
    }
    expect(fetch.calls).toBe(MAX_DELIVERY_ATTEMPTS);
    const failed = await only();
    expect(failed).toMatchObject({ state: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, lastStatus: null });
    expect(failed?.lastError).toBe(
      'could not reach the receiver (ECONNREFUSED) (POST https://bot:***@hooks.example.com/x)',
    );
    expect(JSON.stringify(await store.listNotifications())).not.toMatch(/url-password-1|whsec_/);
  });

  it('fails the messages of a target no longer configured', async () => {
    const fetch = answering(new Response(null, { status: 204 }));
    const dispatcher = createNotificationDispatcher({ store, targets: [], clock, fetch });
    await dispatcher.deliverDue();
    expect(fetch.calls).toBe(0);
    expect((await only())?.lastError).toBe('target "ops" is no longer in the config\'s notify list');
  });

  it('sends a message once when two processes deliver at the same time', async () => {
    const fetch = answering(new Response(null, { status: 204 }));
    const one = createNotificationDispatcher({ store, targets: [target], clock, fetch, holder: 'a' });
    const two = createNotificationDispatcher({ store, targets: [target], clock, fetch, holder: 'b' });
    await Promise.all([one.deliverDue(), two.deliverDue()]);
    expect(fetch.calls).toBe(1);
    expect(await only()).toMatchObject({ state: 'delivered', attempts: 1 });
  });
});

describe('flushing at exit', () => {
  it('waits at most the given time, then records the request in flight as cut short', async () => {
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const dispatcher = createNotificationDispatcher({ store, targets: [target], clock, fetch });
    const started = performance.now();
    await dispatcher.flush(100);
    expect(performance.now() - started).toBeLessThan(900);
    expect(await only()).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError:
        'cut short: the process stopped before the receiver answered (POST https://bot:***@hooks.example.com/x)',
    });
  });
});
