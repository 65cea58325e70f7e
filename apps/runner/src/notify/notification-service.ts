import type { Clock, Logger, ResolvedConfig, Store } from '@freshet/core';
import { notifySensorTransitions } from './detect-sensor.js';
import { notifySlaGapsOpened } from './detect-sla-gaps.js';
import { createNotificationDispatcher, type DispatcherOptions } from './dispatcher.js';

/** How often a long-lived process looks for due messages. */
export const DELIVERY_POLL_MS = 5_000;
/** How long a run command waits at exit for its messages; the rest go with the next process. */
export const EXIT_FLUSH_MS = 5_000;

export interface NotificationServiceOptions {
  store: Store;
  config: ResolvedConfig;
  clock: Clock;
  logger: Logger;
  fetch?: DispatcherOptions['fetch'];
  pollMs?: number;
}

export interface NotificationService {
  stop(): Promise<void>;
}

/**
 * For the daemon and workers: delivers the outbox every few seconds, and every sensor interval
 * looks for SLA gaps that opened and sensor changes made by other commands. Off without targets.
 */
export function startNotificationService(options: NotificationServiceOptions): NotificationService {
  const { store, config, clock, logger } = options;
  if (config.notify.length === 0) return { stop: async () => {} };
  const dispatcher = createNotificationDispatcher({
    store,
    targets: config.notify,
    clock,
    logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  dispatcher.start(options.pollMs ?? DELIVERY_POLL_MS);
  let watching: Promise<unknown> = Promise.resolve();
  const watch = () => {
    watching = watching
      .then(async () => {
        const now = clock.now();
        await notifySensorTransitions(store, config.notify, now);
        await notifySlaGapsOpened(store, config, now);
      })
      .catch((err: unknown) =>
        logger.warn({ err }, 'could not look for notification events; trying again later'),
      );
  };
  watch();
  const timer = setInterval(watch, config.sensor.intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await watching;
      await dispatcher.stop();
    },
  };
}

/** A run command's last act: send what is due, for at most `EXIT_FLUSH_MS`. */
export async function flushNotifications(
  options: Omit<NotificationServiceOptions, 'pollMs'> & { timeoutMs?: number },
): Promise<void> {
  if (options.config.notify.length === 0) return;
  const dispatcher = createNotificationDispatcher({
    store: options.store,
    targets: options.config.notify,
    clock: options.clock,
    logger: options.logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  await dispatcher.flush(options.timeoutMs ?? EXIT_FLUSH_MS);
}

/** After a command moved the sensor: queue `sensor.paused`/`sensor.resumed` and send it. */
export async function announceSensorChange(
  options: Omit<NotificationServiceOptions, 'pollMs'>,
): Promise<void> {
  if (options.config.notify.length === 0) return;
  try {
    await notifySensorTransitions(options.store, options.config.notify, options.clock.now());
  } catch (err) {
    options.logger.warn({ err }, 'could not queue the sensor notification; the next daemon poll or run does');
    return;
  }
  await flushNotifications(options);
}
