import type { Kysely } from 'kysely';
import { ErrorCodes, FreshetError } from '../errors.js';
import { inEverySource } from './ledger.js';
import { rowToRecord, toMs } from './rows.js';
import type { Database } from './schema.js';
import type { RecordPageQuery, StoredRecord } from './types.js';

export const RECORD_PAGE_MAX_LIMIT = 5000;
export const RECORD_PAGE_MAX_KEYS = 500;

/**
 * One page of records in (source, key) order: keyset pagination on the primary key, so paging
 * through a million records costs one pass, however deep the page. `updated_at` moves only when
 * a payload is inserted or changes (a re-fetch with the same hash touches the ledger columns
 * alone), which is what makes `changedSince` mean "changed", not "fetched".
 */
export async function recordPage(db: Kysely<Database>, query: RecordPageQuery): Promise<StoredRecord[]> {
  checkQuery(query);
  // No keys match no record; `in ()` is valid SQLite but a syntax error on Postgres.
  if (query.keys?.length === 0) return [];
  let q = db.selectFrom('records').selectAll().where('payload', 'is not', null);
  if (query.source !== undefined) q = q.where('source', '=', query.source);
  else if (query.partitionKey !== undefined) q = q.where(inEverySource);
  if (query.partitionKey !== undefined) q = q.where('partition_key', '=', query.partitionKey);
  if (query.keys !== undefined) q = q.where('key', 'in', [...query.keys]);
  if (query.changedSince !== undefined) q = q.where('updated_at', '>=', toMs(query.changedSince));
  const after = query.after;
  if (after !== undefined) {
    q =
      query.source !== undefined
        ? q.where('key', '>', after.key)
        : q.where((eb) =>
            eb.or([
              eb('source', '>', after.source),
              eb.and([eb('source', '=', after.source), eb('key', '>', after.key)]),
            ]),
          );
  }
  const rows = await q.orderBy('source').orderBy('key').limit(query.limit).execute();
  const records: StoredRecord[] = [];
  for (const row of rows) {
    const record = rowToRecord(row);
    if (record !== null) records.push(record);
  }
  return records;
}

function checkQuery(query: RecordPageQuery): void {
  const problem = (message: string) => new FreshetError(ErrorCodes.STORE_ERROR, `listRecords: ${message}`);
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > RECORD_PAGE_MAX_LIMIT) {
    throw problem(`limit must be a whole number from 1 to ${RECORD_PAGE_MAX_LIMIT}; got ${query.limit}`);
  }
  if (query.keys !== undefined && query.keys.length > RECORD_PAGE_MAX_KEYS) {
    throw problem(
      `at most ${RECORD_PAGE_MAX_KEYS} keys per page query; got ${query.keys.length} (readRecords splits longer lists)`,
    );
  }
  if (query.after !== undefined && query.source !== undefined && query.after.source !== query.source) {
    throw problem(`after names source "${query.after.source}" but the query is for source "${query.source}"`);
  }
}
