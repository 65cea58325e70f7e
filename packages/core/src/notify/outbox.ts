import { createHash } from 'node:crypto';
import type { NotifyTarget } from '../config/notify-schema.js';
import type { Store } from '../store/types.js';
import type { NotifyEvent } from './events.js';
import { messageBody, type NotificationData, notificationMessage } from './messages.js';

export interface NotificationOccurrence<E extends NotifyEvent = NotifyEvent> {
  event: E;
  /**
   * Names the occurrence (`run.finished:<run id>`); the same key enqueued twice (two workers, a
   * repeated tick) is stored once, which is how each event is sent once.
   */
  dedupKey: string;
  data: NotificationData[E];
  at: Date;
}

/**
 * Queues an occurrence for every target that subscribes to its event, in `store` (pass a
 * transaction's store to queue it with what triggered it). Returns the messages newly queued.
 */
export async function enqueueNotification<E extends NotifyEvent>(
  store: Pick<Store, 'enqueueNotifications'>,
  targets: readonly NotifyTarget[],
  occurrence: NotificationOccurrence<E>,
): Promise<number> {
  const subscribed = targets.filter((t) => t.events.has(occurrence.event));
  if (subscribed.length === 0) return 0;
  const message = notificationMessage(occurrence.event, occurrence.data, occurrence);
  const body = messageBody(message);
  return store.enqueueNotifications(
    subscribed.map((target) => ({
      id: outboxId(message.id, target.name),
      messageId: message.id,
      target: target.name,
      event: occurrence.event,
      body,
      createdAt: occurrence.at,
    })),
  );
}

function outboxId(messageId: string, target: string): string {
  return `${messageId}.${createHash('sha256').update(target).digest('hex').slice(0, 12)}`;
}
