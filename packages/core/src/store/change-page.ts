import type { Kysely, Selectable } from 'kysely';
import { ErrorCodes, FreshetError } from '../errors.js';
import { fromJson, fromMs, toMs, toNumber } from './rows.js';
import type { Database, RecordChangesTable, RecordRevisionsTable } from './schema.js';
import type { ChangedFields, ChangePageQuery, RecordChange, RecordRevision } from './types.js';

export const CHANGE_PAGE_MAX_LIMIT = 5000;

/**
 * One page of the change feed in `id` order: keyset pagination on the primary key, so reading
 * a run's million changes costs one pass. By run it follows the (run_id, id) index; by time the
 * (at, id) one.
 */
export async function changePage(db: Kysely<Database>, query: ChangePageQuery): Promise<RecordChange[]> {
  checkQuery(query);
  let q = db.selectFrom('record_changes').selectAll();
  if (query.runId !== undefined) q = q.where('run_id', '=', query.runId);
  if (query.since !== undefined) q = q.where('at', '>=', toMs(query.since));
  if (query.source !== undefined) q = q.where('source', '=', query.source);
  if (query.partitionKey !== undefined) q = q.where('partition_key', '=', query.partitionKey);
  if (query.afterId !== undefined) q = q.where('id', '>', query.afterId);
  const rows = await q.orderBy('id').limit(query.limit).execute();
  return rows.map(rowToChange);
}

/** Earlier revisions of one record, newest first. */
export async function revisionsOf(
  db: Kysely<Database>,
  source: string,
  key: string,
): Promise<RecordRevision[]> {
  const rows = await db
    .selectFrom('record_revisions')
    .selectAll()
    .where('source', '=', source)
    .where('key', '=', key)
    .orderBy('revision', 'desc')
    .execute();
  return rows.map(rowToRevision);
}

/** Age-based retention of both tables: each a single indexed range delete. */
export async function pruneHistory(
  db: Kysely<Database>,
  before: Date,
): Promise<{ revisions: number; changes: number }> {
  const cutoff = toMs(before);
  const revisions = await db
    .deleteFrom('record_revisions')
    .where('replaced_at', '<', cutoff)
    .executeTakeFirst();
  const changes = await db.deleteFrom('record_changes').where('at', '<', cutoff).executeTakeFirst();
  return { revisions: toNumber(revisions.numDeletedRows), changes: toNumber(changes.numDeletedRows) };
}

function rowToChange(r: Selectable<RecordChangesTable>): RecordChange {
  return {
    id: toNumber(r.id),
    runId: r.run_id,
    kind: r.kind,
    source: r.source,
    partitionKey: r.partition_key,
    key: r.key,
    revision: toNumber(r.revision),
    changedFields: r.changed_fields === null ? null : fromJson<ChangedFields>(r.changed_fields),
    at: fromMs(r.at),
  };
}

function rowToRevision(r: Selectable<RecordRevisionsTable>): RecordRevision {
  return {
    source: r.source,
    key: r.key,
    revision: toNumber(r.revision),
    hash: r.hash,
    payload: fromJson(r.payload),
    storedAt: fromMs(r.stored_at),
    replacedAt: fromMs(r.replaced_at),
    replacedByRun: r.replaced_by_run,
  };
}

function checkQuery(query: ChangePageQuery): void {
  const problem = (message: string) => new FreshetError(ErrorCodes.STORE_ERROR, `listChanges: ${message}`);
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > CHANGE_PAGE_MAX_LIMIT) {
    throw problem(`limit must be a whole number from 1 to ${CHANGE_PAGE_MAX_LIMIT}; got ${query.limit}`);
  }
  if (query.afterId !== undefined && (!Number.isInteger(query.afterId) || query.afterId < 0)) {
    throw problem(`afterId must be the id of a change (a whole number, 0 or more); got ${query.afterId}`);
  }
  if (query.since !== undefined && Number.isNaN(query.since.getTime())) {
    throw problem('since is an invalid Date');
  }
}
