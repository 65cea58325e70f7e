import type { Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';
import type { Database } from './schema.js';

export const RECORD_KEYS_PAGE_SIZE = 1000;

export interface RecordKeyRow {
  key: string;
  /** The payload field's string value when a field was asked for. */
  value: string | null;
}

/** One page of a source's records after `afterKey`, in key order (keyset pagination on the primary key). */
export async function recordKeyPage(
  db: Kysely<Database>,
  dialect: StoreDialect,
  source: string,
  afterKey: string | null,
  payloadField: string | undefined,
  limit = RECORD_KEYS_PAGE_SIZE,
): Promise<RecordKeyRow[]> {
  // Ledger-only rows (no payload) are no records.
  let query = db.selectFrom('records').where('source', '=', source).where('payload', 'is not', null);
  if (afterKey !== null) query = query.where('key', '>', afterKey);
  const ordered = query.orderBy('key').limit(limit);
  if (payloadField === undefined) {
    const rows = await ordered.select('key').execute();
    return rows.map((r) => ({ key: r.key, value: null }));
  }
  return ordered.select(['key', dialect.payloadStringField(payloadField).as('value')]).execute();
}
