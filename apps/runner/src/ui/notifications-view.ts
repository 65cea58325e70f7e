import { type NotificationState, redactedUrl } from '@freshet/core';
import type { ViewProject } from '../views/project.js';

export interface NotificationsView {
  /** The configured webhook targets; URLs without credentials, secrets never. */
  targets: Array<{ name: string; url: string; events: string[] }>;
  deliveries: Array<{
    id: string;
    messageId: string;
    target: string;
    event: string;
    state: NotificationState;
    attempts: number;
    /** When a pending message is tried next. */
    nextAttemptAt: string | null;
    lastStatus: number | null;
    lastError: string | null;
    /** The message's one-line summary (its `text`). */
    text: string;
    createdAt: string;
    updatedAt: string;
    deliveredAt: string | null;
  }>;
}

/** Recent deliveries of the outbox, newest first, and the targets they go to. */
export async function loadNotifications(
  project: ViewProject,
  options: { limit: number; state: NotificationState | null },
): Promise<NotificationsView> {
  const rows = await project.store.listNotifications({
    limit: options.limit,
    ...(options.state === null ? {} : { state: options.state }),
  });
  return {
    targets: project.config.notify.map((t) => ({
      name: t.name,
      url: redactedUrl(t.url),
      events: [...t.events],
    })),
    deliveries: rows.map((n) => ({
      id: n.id,
      messageId: n.messageId,
      target: n.target,
      event: n.event,
      state: n.state,
      attempts: n.attempts,
      nextAttemptAt: n.state === 'pending' ? n.nextAttemptAt.toISOString() : null,
      lastStatus: n.lastStatus,
      lastError: n.lastError,
      text: textOf(n.body),
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
      deliveredAt: n.deliveredAt?.toISOString() ?? null,
    })),
  };
}

function textOf(body: string): string {
  try {
    const text = (JSON.parse(body) as { text?: unknown }).text;
    return typeof text === 'string' ? text : '';
  } catch {
    return '';
  }
}
