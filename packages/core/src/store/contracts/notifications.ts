import type { RunPartitionRow } from './runs.js';

export type NotificationState = 'pending' | 'delivered' | 'failed';

/** One message to one webhook target, queued in the outbox. */
export interface NotificationInput {
  /** Unique per (occurrence, target): a second enqueue of the same id is ignored. */
  id: string;
  /** The message id receivers de-duplicate on (the same for every target). */
  messageId: string;
  /** The configured target's name; its URL and secret are read from the config at delivery. */
  target: string;
  event: string;
  /** The JSON body to post. It never holds a secret. */
  body: string;
  createdAt: Date;
}

export interface Notification extends NotificationInput {
  state: NotificationState;
  attempts: number;
  /** When a pending message is due (or when the claim of the process delivering it runs out). */
  nextAttemptAt: Date;
  lastError: string | null;
  /** HTTP status of the last attempt, when the receiver answered. */
  lastStatus: number | null;
  updatedAt: Date;
  deliveredAt: Date | null;
}

/** A message claimed for delivery: only `claimToken`'s holder may settle it. */
export interface ClaimedNotification extends Notification {
  claimToken: string;
}

export interface NotificationSettlement {
  state: NotificationState;
  /** For `pending`: when to try again. */
  nextAttemptAt?: Date;
  lastError: string | null;
  lastStatus: number | null;
  at: Date;
}

/** One result of a partition in a run, newest run first (see `recentPartitionResults`). */
export interface PartitionResultRow {
  runId: string;
  status: RunPartitionRow['status'];
  error: RunPartitionRow['error'];
  startedAt: Date;
}

/** The outbox of webhook notifications: written beside what triggers them, delivered later. */
export interface NotificationStore {
  /** Queues messages; ids already queued are left as they are. Returns how many were new. */
  enqueueNotifications(rows: readonly NotificationInput[]): Promise<number>;
  /**
   * Claims up to `limit` due pending messages for `holder` until `now + claimMs`: a claimed
   * message is not due for anyone else until then, so two processes never send it at once,
   * and one whose holder died is due again when the claim runs out.
   */
  claimNotifications(options: {
    holder: string;
    now: Date;
    limit: number;
    claimMs: number;
  }): Promise<ClaimedNotification[]>;
  /**
   * Records an attempt's outcome (attempts + 1); false, changing nothing, when the claim was
   * lost (it ran out and another process claimed the message).
   */
  settleNotification(id: string, claimToken: string, settlement: NotificationSettlement): Promise<boolean>;
  /** Newest first. */
  listNotifications(options?: { limit?: number; state?: NotificationState }): Promise<Notification[]>;
  /** The partition's results in the latest `limit` runs that worked on it (complete or failed), newest first. */
  recentPartitionResults(partitionKey: string, limit: number): Promise<PartitionResultRow[]>;
}
