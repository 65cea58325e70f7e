import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { ErrorCodes, FreshetError } from '../errors.js';
import { chunk } from './chunk.js';
import { fromJsonOrNull, fromMs, fromMsOrNull, toMs, toNumber } from './rows.js';
import type { Database, NotificationsTable } from './schema.js';
import type {
  ClaimedNotification,
  Notification,
  NotificationInput,
  NotificationSettlement,
  NotificationState,
  PartitionResultRow,
  RunPartitionRow,
  StoredError,
} from './types.js';

export const NOTIFICATION_LIST_MAX_LIMIT = 1000;
// Rows per insert statement: well under SQLite's and Postgres's bound-parameter limits.
const INSERT_CHUNK = 50;

export async function enqueueNotifications(
  db: Kysely<Database>,
  rows: readonly NotificationInput[],
): Promise<number> {
  let added = 0;
  for (const part of chunk(rows, INSERT_CHUNK)) {
    const result = await db
      .insertInto('notifications')
      .values(
        part.map((row) => ({
          id: row.id,
          message_id: row.messageId,
          target: row.target,
          event: row.event,
          state: 'pending' as const,
          attempts: 0,
          next_attempt_at: toMs(row.createdAt),
          claim_token: null,
          last_error: null,
          last_status: null,
          created_at: toMs(row.createdAt),
          updated_at: toMs(row.createdAt),
          delivered_at: null,
          body: row.body,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

/**
 * Pushes each due row's `next_attempt_at` to the claim's end and tags it with a fresh token. The
 * update re-checks that the row is still due, so of two processes racing for a row only one
 * changes it, and only that one gets it back.
 */
export async function claimNotifications(
  db: Kysely<Database>,
  options: { holder: string; now: Date; limit: number; claimMs: number },
): Promise<ClaimedNotification[]> {
  const now = toMs(options.now);
  const due = await db
    .selectFrom('notifications')
    .select('id')
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(options.limit)
    .execute();
  const claimed: ClaimedNotification[] = [];
  for (const { id } of due) {
    const token = `${options.holder}:${randomUUID()}`;
    const result = await db
      .updateTable('notifications')
      .set({ claim_token: token, next_attempt_at: now + options.claimMs })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue;
    const row = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    claimed.push({ ...rowToNotification(row), claimToken: token });
  }
  return claimed;
}

export async function settleNotification(
  db: Kysely<Database>,
  id: string,
  claimToken: string,
  settlement: NotificationSettlement,
): Promise<boolean> {
  const at = toMs(settlement.at);
  const result = await db
    .updateTable('notifications')
    .set((eb) => ({
      state: settlement.state,
      attempts: eb('attempts', '+', 1),
      next_attempt_at: settlement.nextAttemptAt === undefined ? at : toMs(settlement.nextAttemptAt),
      claim_token: null,
      last_error: settlement.lastError,
      last_status: settlement.lastStatus,
      updated_at: at,
      delivered_at: settlement.state === 'delivered' ? at : null,
    }))
    .where('id', '=', id)
    .where('claim_token', '=', claimToken)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listNotifications(
  db: Kysely<Database>,
  options: { limit?: number; state?: NotificationState } = {},
): Promise<Notification[]> {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > NOTIFICATION_LIST_MAX_LIMIT) {
    throw new FreshetError(
      ErrorCodes.STORE_ERROR,
      `listNotifications: limit must be a whole number from 1 to ${NOTIFICATION_LIST_MAX_LIMIT}; got ${limit}`,
    );
  }
  let q = db.selectFrom('notifications').selectAll();
  if (options.state !== undefined) q = q.where('state', '=', options.state);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(rowToNotification);
}

export async function recentPartitionResults(
  db: Kysely<Database>,
  partitionKey: string,
  limit: number,
): Promise<PartitionResultRow[]> {
  const rows = await db
    .selectFrom('run_partitions')
    .innerJoin('runs', 'runs.id', 'run_partitions.run_id')
    .select(['run_partitions.run_id', 'run_partitions.status', 'run_partitions.error', 'runs.started_at'])
    .where('run_partitions.partition_key', '=', partitionKey)
    // Only results that say something about the partition's health: not skipped, deferred, …
    .where('run_partitions.status', 'in', ['complete', 'failed'])
    .orderBy('runs.started_at', 'desc')
    .orderBy('runs.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    runId: r.run_id,
    status: r.status as RunPartitionRow['status'],
    error: fromJsonOrNull<StoredError>(r.error),
    startedAt: fromMs(r.started_at),
  }));
}

function rowToNotification(r: Selectable<NotificationsTable>): Notification {
  return {
    id: r.id,
    messageId: r.message_id,
    target: r.target,
    event: r.event,
    body: r.body,
    state: r.state,
    attempts: toNumber(r.attempts),
    nextAttemptAt: fromMs(r.next_attempt_at),
    lastError: r.last_error,
    lastStatus: r.last_status === null ? null : toNumber(r.last_status),
    createdAt: fromMs(r.created_at),
    updatedAt: fromMs(r.updated_at),
    deliveredAt: fromMsOrNull(r.delivered_at),
  };
}
