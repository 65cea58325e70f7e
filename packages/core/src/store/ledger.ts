import type { Insertable, Kysely } from 'kysely';
import { chunk, rowsPerStatement } from './chunk.js';
import type { StoreDialect } from './dialect.js';
import { fromMsOrNull, toMs, toNumber } from './rows.js';
import type { Database, LedgerTable, RecordsTable } from './schema.js';
import type {
  LedgerWatermark,
  MarkLedgerInput,
  PartitionRollup,
  RecordInput,
  UpsertRecordsInput,
  UpsertRecordsResult,
} from './types.js';

/*
 * The hot path (records + freshness ledger) and its read side. Every function expects to run
 * inside one write transaction when it writes; KyselyStore takes care of that.
 */

const RECORD_COLUMNS = 8;
const LEDGER_COLUMNS = 10;

/** Moves the ledger commit sequence forward and returns the new value. */
async function bumpLedgerClock(db: Kysely<Database>, at: number): Promise<number> {
  const row = await db
    .updateTable('ledger_clock')
    .set((eb) => ({
      seq: eb('seq', '+', 1),
      at: eb
        .case()
        .when(eb.or([eb('at', 'is', null), eb('at', '<', at)]))
        .then(at)
        .else(eb.ref('at'))
        .end(),
    }))
    .where('id', '=', 1)
    .returning('seq')
    .executeTakeFirstOrThrow();
  return toNumber(row.seq);
}

export async function upsertRecords(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: UpsertRecordsInput,
): Promise<UpsertRecordsResult> {
  const batch = lastPerKey(input.records);
  if (batch.length === 0) return { written: 0, unchanged: 0, writtenKeys: [] };
  const { source, partitionKey } = input;
  const at = toMs(input.at);
  const seq = await bumpLedgerClock(db, at);

  const storedHashes = new Map<string, string>();
  for (const keys of chunk(
    batch.map((r) => r.key),
    dialect.maxParameters - 1,
  )) {
    const rows = await db
      .selectFrom('records')
      .select(['key', 'hash'])
      .where('source', '=', source)
      .where('key', 'in', keys)
      .execute();
    for (const row of rows) storedHashes.set(row.key, row.hash);
  }
  const changed = batch.filter((r) => storedHashes.get(r.key) !== r.hash);

  for (const part of chunk(changed, rowsPerStatement(dialect.maxParameters, RECORD_COLUMNS))) {
    const rows = part.map(
      (r): Insertable<RecordsTable> => ({
        source,
        key: r.key,
        partition_key: partitionKey,
        payload: JSON.stringify(r.payload),
        hash: r.hash,
        revision: 1,
        first_seen_at: at,
        updated_at: at,
      }),
    );
    await db
      .insertInto('records')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['source', 'key']).doUpdateSet((eb) => ({
          partition_key: eb.ref('excluded.partition_key'),
          payload: eb.ref('excluded.payload'),
          hash: eb.ref('excluded.hash'),
          revision: eb('records.revision', '+', 1),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  const changedKeys = new Set(changed.map((r) => r.key));
  for (const part of chunk(batch, rowsPerStatement(dialect.maxParameters, LEDGER_COLUMNS))) {
    const rows = part.map(
      (r): Insertable<LedgerTable> => ({
        source,
        key: r.key,
        partition_key: partitionKey,
        status: changedKeys.has(r.key) ? 'success' : 'unchanged',
        hash: r.hash,
        attempts: 1,
        last_attempt_at: at,
        last_success_at: at,
        error: null,
        seq,
      }),
    );
    await db
      .insertInto('ledger')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['source', 'key']).doUpdateSet((eb) => ({
          partition_key: eb.ref('excluded.partition_key'),
          status: eb.ref('excluded.status'),
          hash: eb.ref('excluded.hash'),
          attempts: eb('ledger.attempts', '+', 1),
          last_attempt_at: eb.ref('excluded.last_attempt_at'),
          last_success_at: eb.ref('excluded.last_success_at'),
          error: null,
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }

  return {
    written: changed.length,
    unchanged: batch.length - changed.length,
    writtenKeys: changed.map((r) => r.key),
  };
}

/** Ledger-only rows: a failure keeps the last success; "not found" is an answer, so it counts as one. */
export async function markLedger(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: MarkLedgerInput,
): Promise<void> {
  const keys = [...new Set(input.keys)];
  if (keys.length === 0) return;
  const at = toMs(input.at);
  const seq = await bumpLedgerClock(db, at);
  const notFound = input.status === 'not_found';
  for (const part of chunk(keys, rowsPerStatement(dialect.maxParameters, LEDGER_COLUMNS))) {
    const rows = part.map(
      (key): Insertable<LedgerTable> => ({
        source: input.source,
        key,
        partition_key: input.partitionKey,
        status: input.status,
        hash: null,
        attempts: 1,
        last_attempt_at: at,
        last_success_at: notFound ? at : null,
        error: input.error ?? null,
        seq,
      }),
    );
    await db
      .insertInto('ledger')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['source', 'key']).doUpdateSet((eb) => ({
          partition_key: eb.ref('excluded.partition_key'),
          status: eb.ref('excluded.status'),
          attempts: eb('ledger.attempts', '+', 1),
          last_attempt_at: eb.ref('excluded.last_attempt_at'),
          ...(notFound ? { last_success_at: eb.ref('excluded.last_success_at') } : {}),
          error: eb.ref('excluded.error'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }
}

export async function staleCounts(
  db: Kysely<Database>,
  source: string,
  staleBefore: Date,
): Promise<Map<string, number>> {
  const cutoff = toMs(staleBefore);
  const rows = await db
    .selectFrom('ledger')
    .select((eb) => ['partition_key', eb.fn.countAll().as('stale')])
    .where('source', '=', source)
    .where((eb) => eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', cutoff)]))
    .groupBy('partition_key')
    .execute();
  return new Map(rows.map((r) => [r.partition_key, toNumber(r.stale)]));
}

export async function ledgerRollup(
  db: Kysely<Database>,
  dialect: StoreDialect,
  options: { staleBefore: Date; source?: string; partitionKeys?: string[] },
): Promise<PartitionRollup[]> {
  const cutoff = toMs(options.staleBefore);
  const query = (partitionKeys: string[] | undefined) => {
    let q = db
      .selectFrom('ledger')
      .select((eb) => [
        'partition_key',
        eb.fn.countAll().as('records'),
        eb.fn.countAll().filterWhere('status', '=', 'success').as('success'),
        eb.fn.countAll().filterWhere('status', '=', 'unchanged').as('unchanged'),
        eb.fn.countAll().filterWhere('status', '=', 'failed').as('failed'),
        eb.fn.countAll().filterWhere('status', '=', 'not_found').as('not_found'),
        eb.fn
          .countAll()
          .filterWhere((f) => f.or([f('last_success_at', 'is', null), f('last_success_at', '<', cutoff)]))
          .as('stale'),
        eb.fn.min('last_success_at').as('oldest_success_at'),
        eb.fn.max('last_attempt_at').as('last_attempt_at'),
      ])
      .groupBy('partition_key')
      .orderBy('partition_key');
    if (options.source !== undefined) q = q.where('source', '=', options.source);
    if (partitionKeys !== undefined) q = q.where('partition_key', 'in', partitionKeys);
    return q.execute();
  };

  let rows: Awaited<ReturnType<typeof query>>;
  if (options.partitionKeys === undefined) {
    rows = await query(undefined);
  } else {
    rows = [];
    const unique = [...new Set(options.partitionKeys)].sort();
    // Leave room for the source, the four statuses and the cutoff.
    for (const keys of chunk(unique, dialect.maxParameters - 6)) rows.push(...(await query(keys)));
  }
  return rows.map((r) => ({
    partitionKey: r.partition_key,
    records: toNumber(r.records),
    success: toNumber(r.success),
    unchanged: toNumber(r.unchanged),
    failed: toNumber(r.failed),
    notFound: toNumber(r.not_found),
    stale: toNumber(r.stale),
    oldestSuccessAt: fromMsOrNull(r.oldest_success_at),
    lastAttemptAt: fromMsOrNull(r.last_attempt_at),
  }));
}

/** One statement, so the sequence and the entry count come from the same snapshot. */
export async function ledgerWatermark(db: Kysely<Database>): Promise<LedgerWatermark> {
  const row = await db
    .selectFrom('ledger_clock')
    .select((eb) => [
      'seq',
      'at',
      eb
        .selectFrom('ledger')
        .select((sub) => sub.fn.countAll().as('n'))
        .as('entries'),
    ])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (row === undefined) return { seq: 0, at: null, entries: 0 };
  return { seq: toNumber(row.seq), at: fromMsOrNull(row.at), entries: toNumber(row.entries) };
}

/** The last record per key wins, as if the batch were written one record at a time. */
function lastPerKey(records: RecordInput[]): RecordInput[] {
  const byKey = new Map<string, RecordInput>();
  for (const record of records) {
    byKey.delete(record.key);
    byKey.set(record.key, record);
  }
  return [...byKey.values()];
}
