import { hostname } from 'node:os';
import {
  type ClaimedNotification,
  type Clock,
  type Logger,
  MAX_DELIVERY_ATTEMPTS,
  type NotifyTarget,
  retryDelayMs,
  type Store,
  silentLogger,
  systemClock,
} from '@freshet/core';
import { deliverOnce, type FetchLike } from './deliver.js';

/** How long a claimed message is ours: past every target's timeout, so it never goes out twice at once. */
const CLAIM_MS = 2 * 60_000;
const BATCH = 20;
// A receiver's Retry-After is honoured, but not beyond a day: the message would outlive its use.
const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

export interface DispatcherOptions {
  store: Store;
  targets: readonly NotifyTarget[];
  clock?: Clock;
  logger?: Logger;
  /** Names this process in claims (host and pid by default). */
  holder?: string;
  fetch?: FetchLike;
  random?: () => number;
}

export interface NotificationDispatcher {
  /** Delivers every message due now, a batch at a time; returns how many attempts it made. */
  deliverDue(): Promise<number>;
  /**
   * Delivers what is due until nothing is, or `timeoutMs` passes; what is left stays pending
   * for the next process. What a run command calls at exit.
   */
  flush(timeoutMs: number): Promise<void>;
  /** Polls every `intervalMs` until `stop()` (daemon, worker). Errors are logged, never thrown. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * Delivers the outbox: claims due messages (so several processes share the work and none sends
 * a message twice at once), posts each, and settles it: delivered on 2xx; on 408, 429, 5xx or no
 * answer tried again later with backoff (or the receiver's Retry-After) until the 8th attempt
 * fails; failed at once on any other status. Never throws into the caller's work.
 */
export function createNotificationDispatcher(options: DispatcherOptions): NotificationDispatcher {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const holder = options.holder ?? `${hostname()}:${process.pid}`;
  const byName = new Map(options.targets.map((t) => [t.name, t]));
  let timer: NodeJS.Timeout | null = null;
  // Aborts requests in flight when a flush runs out of time, so their outcome is still recorded.
  const stopping = new AbortController();
  let running: Promise<unknown> = Promise.resolve();

  async function attempt(message: ClaimedNotification): Promise<void> {
    const target = byName.get(message.target);
    const now = clock.now();
    if (target === undefined) {
      await options.store.settleNotification(message.id, message.claimToken, {
        state: 'failed',
        lastError: `target "${message.target}" is no longer in the config's notify list`,
        lastStatus: null,
        at: now,
      });
      return;
    }
    const result = await deliverOnce(target, message.body, {
      now,
      stopSignal: stopping.signal,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const attempts = message.attempts + 1;
    const at = clock.now();
    if (result.verdict === 'delivered') {
      await options.store.settleNotification(message.id, message.claimToken, {
        state: 'delivered',
        lastError: null,
        lastStatus: result.status,
        at,
      });
      return;
    }
    const giveUp = result.verdict === 'reject' || attempts >= MAX_DELIVERY_ATTEMPTS;
    const waitMs = Math.min(
      MAX_RETRY_AFTER_MS,
      Math.max(retryDelayMs(attempts, options.random), result.retryAfterMs ?? 0),
    );
    await options.store.settleNotification(message.id, message.claimToken, {
      state: giveUp ? 'failed' : 'pending',
      ...(giveUp ? {} : { nextAttemptAt: new Date(at.getTime() + waitMs) }),
      lastError: result.error,
      lastStatus: result.status,
      at,
    });
    const fields = { target: target.name, event: message.event, messageId: message.messageId, attempts };
    if (giveUp) logger.warn(fields, `notification not delivered, given up: ${result.error}`);
    else logger.debug(fields, `notification delivery failed, retrying: ${result.error}`);
  }

  async function deliverDue(): Promise<number> {
    let attempts = 0;
    for (;;) {
      // A flush out of time claims nothing more: what is left stays pending for the next process.
      if (stopping.signal.aborted) return attempts;
      const claimed = await options.store.claimNotifications({
        holder,
        now: clock.now(),
        limit: BATCH,
        claimMs: CLAIM_MS,
      });
      if (claimed.length === 0) return attempts;
      await Promise.all(claimed.map((message) => attempt(message)));
      attempts += claimed.length;
    }
  }

  function guarded(): Promise<number> {
    const next = running.then(deliverDue).catch((err: unknown) => {
      logger.warn({ err }, 'notification delivery stopped for now; it goes on at the next poll');
      return 0;
    });
    running = next;
    return next;
  }

  return {
    deliverDue: guarded,
    async flush(timeoutMs) {
      let timeout: NodeJS.Timeout | undefined;
      const delivering = guarded();
      await Promise.race([
        delivering,
        new Promise<void>((resolve) => {
          timeout = setTimeout(resolve, timeoutMs);
          timeout.unref();
        }),
      ]);
      clearTimeout(timeout);
      // Out of time: cut the requests in flight short and record them, before the store closes.
      stopping.abort();
      await delivering;
    },
    start(intervalMs) {
      if (timer !== null) return;
      timer = setInterval(() => void guarded(), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      await running.catch(() => {});
    },
  };
}
