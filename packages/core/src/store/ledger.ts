import { CompiledQuery, type Insertable, type Kysely, type SqlBool, sql } from 'kysely';
import { chunk, rowsPerStatement } from './chunk.js';
import type { StoreDialect } from './dialect.js';
import { captureReplaced, type Replaced, recordGone, recordWrites } from './history-write.js';
import { fromMsOrNull, toMs, toNumber } from './rows.js';
import type { Database, RecordsTable } from './schema.js';
import { perDialect, SqlTexts } from './sql-text.js';
import type {
  LedgerWatermark,
  MarkLedgerInput,
  PartitionRollup,
  RecordInput,
  UpsertRecordsInput,
  UpsertRecordsResult,
} from './types.js';

/*
 * The hot path (records with their freshness ledger, one row each) and its read side. Every
 * function expects to run inside one write transaction when it writes; KyselyStore takes care
 * of that. `upsertRecords` runs once per slice with hundreds of rows, so its statements are SQL
 * text built once per row count and executed as compiled queries: built and prepared anew
 * through the query builder for every slice, they cost about two thirds of what running them did.
 */

/** Columns of a ledger-only row written by `markLedger`. */
const LEDGER_ONLY_COLUMNS = 14;
/** Bound parameters per row of the upsert (see `writeSql`). */
const WRITE_PARAMETERS = 10;
/** Bound parameters of the unchanged-rows update besides its keys (see `touchSql`). */
const TOUCH_PARAMETERS = 6;
/**
 * Rows per statement. Past a few hundred rows the statement around them costs next to nothing,
 * while each distinct row count is one more statement to prepare and cache.
 */
const ROWS_PER_STATEMENT = 500;

/** The hot path's SQL texts for one dialect; the same string each time, so caches hit cheaply. */
class LedgerSql {
  readonly #dialect: StoreDialect;
  readonly #texts = new SqlTexts();
  readonly rowsPerStatement: number;
  readonly bumpClock: string;

  constructor(dialect: StoreDialect) {
    this.#dialect = dialect;
    this.rowsPerStatement = Math.min(
      ROWS_PER_STATEMENT,
      rowsPerStatement(dialect.maxParameters, WRITE_PARAMETERS),
      dialect.maxParameters - TOUCH_PARAMETERS,
    );
    const p = (i: number) => dialect.placeholder(i);
    this.bumpClock =
      `update ledger_clock set seq = seq + 1, at = case when at is null or at < ${p(1)} then ${p(2)} else at end ` +
      'where id = 1 returning seq';
  }

  write(rows: number): string {
    return this.#texts.get(`write:${rows}`, () => writeSql(this.#dialect, rows));
  }

  touch(rows: number): string {
    return this.#texts.get(`touch:${rows}`, () => touchSql(this.#dialect, rows));
  }
}

const sqlFor = perDialect((dialect) => new LedgerSql(dialect));

/**
 * Inserts `rows` records; a known key is rewritten (payload, hash, revision + 1, ledger) only
 * when it was ledger-only or its hash differs, so the statement's affected-row count is the
 * number written. Standard SQL: SQLite and Postgres both run it.
 * Parameters per row: source, key, partition_key, hash, at (x4), seq, payload.
 */
function writeSql(dialect: StoreDialect, rows: number): string {
  let n = 0;
  const p = () => dialect.placeholder(++n);
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    values.push(
      `(${p()}, ${p()}, ${p()}, ${p()}, 1, ${p()}, ${p()}, 'success', 1, ${p()}, ${p()}, null, ${p()}, ${p()})`,
    );
  }
  return (
    'insert into records (source, "key", partition_key, hash, revision, first_seen_at, updated_at, ' +
    'status, attempts, last_attempt_at, last_success_at, error, seq, payload) values ' +
    values.join(', ') +
    ' on conflict (source, "key") do update set ' +
    'partition_key = excluded.partition_key, hash = excluded.hash, revision = records.revision + 1, ' +
    'first_seen_at = coalesce(records.first_seen_at, excluded.first_seen_at), ' +
    "updated_at = excluded.updated_at, status = 'success', attempts = records.attempts + 1, " +
    'last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, ' +
    'error = null, seq = excluded.seq, payload = excluded.payload ' +
    'where records.hash is null or records.hash <> excluded.hash'
  );
}

/**
 * The ledger update of the rows `writeSql` left alone (same hash): every row of the chunk that
 * this write's `seq` has not reached yet. Returns their keys.
 * Parameters: partition_key, at (x2), seq, source, the keys, seq.
 */
function touchSql(dialect: StoreDialect, rows: number): string {
  let n = 0;
  const p = () => dialect.placeholder(++n);
  const head =
    `update records set partition_key = ${p()}, status = 'unchanged', attempts = attempts + 1, ` +
    `last_attempt_at = ${p()}, last_success_at = ${p()}, error = null, seq = ${p()} ` +
    `where source = ${p()} and "key" in (`;
  const keys: string[] = [];
  for (let i = 0; i < rows; i++) keys.push(p());
  return `${head}${keys.join(', ')}) and seq <> ${p()} returning "key"`;
}

/** Moves the ledger commit sequence forward and returns the new value. */
async function bumpLedgerClock(db: Kysely<Database>, dialect: StoreDialect, at: number): Promise<number> {
  const { rows } = await db.executeQuery<{ seq: number | string | bigint }>(
    CompiledQuery.raw(sqlFor(dialect).bumpClock, [at, at]),
  );
  const row = rows[0];
  if (row === undefined) throw new Error('the ledger clock row is missing');
  return toNumber(row.seq);
}

/**
 * Per chunk, one insert writes what is new or changed. Only when it affected fewer rows than
 * the chunk holds (a refresh) does a second statement touch the ledger of the unchanged rest and
 * name them, so a first load never reads a stored hash. `seq` is new to this call and written to
 * every row the insert affected, so "seq not yet reached" is exactly "unchanged".
 */
export async function upsertRecords(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: UpsertRecordsInput,
): Promise<UpsertRecordsResult> {
  const batch = lastPerKey(input.records);
  if (batch.length === 0) return { written: 0, unchanged: 0, writtenKeys: [] };
  const { source, partitionKey } = input;
  const at = toMs(input.at);
  const seq = await bumpLedgerClock(db, dialect, at);
  const statements = sqlFor(dialect);
  const size = statements.rowsPerStatement;

  let unchanged: Set<string> | null = null;
  const replaced: Replaced = new Map();
  for (let start = 0; start < batch.length; start += size) {
    const end = Math.min(batch.length, start + size);
    await captureReplaced(db, dialect, input, batch.slice(start, end), replaced);
    const params: unknown[] = new Array((end - start) * WRITE_PARAMETERS);
    let i = 0;
    for (let r = start; r < end; r++) {
      const record = batch[r]!;
      params[i++] = source;
      params[i++] = record.key;
      params[i++] = partitionKey;
      params[i++] = record.hash;
      params[i++] = at;
      params[i++] = at;
      params[i++] = at;
      params[i++] = at;
      params[i++] = seq;
      params[i++] = record.json;
    }
    const written = await db.executeQuery(CompiledQuery.raw(statements.write(end - start), params));
    if (toNumber(written.numAffectedRows) === end - start) continue;

    const touch: unknown[] = [partitionKey, at, at, seq, source];
    for (let r = start; r < end; r++) touch.push(batch[r]!.key);
    touch.push(seq);
    const { rows } = await db.executeQuery<{ key: string }>(
      CompiledQuery.raw(statements.touch(end - start), touch),
    );
    unchanged ??= new Set<string>();
    for (const row of rows) unchanged.add(row.key);
  }

  const writtenKeys: string[] = [];
  if (unchanged === null) for (const record of batch) writtenKeys.push(record.key);
  else for (const record of batch) if (!unchanged.has(record.key)) writtenKeys.push(record.key);
  await recordWrites(db, dialect, input, batch, writtenKeys, replaced);
  return { written: writtenKeys.length, unchanged: unchanged?.size ?? 0, writtenKeys };
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
  const seq = await bumpLedgerClock(db, dialect, at);
  const notFound = input.status === 'not_found';
  await recordGone(db, dialect, input, keys);
  for (const part of chunk(keys, rowsPerStatement(dialect.maxParameters, LEDGER_ONLY_COLUMNS))) {
    // A new key becomes a ledger-only row; a known one keeps its payload, hash and revision.
    const rows = part.map(
      (key): Insertable<RecordsTable> => ({
        source: input.source,
        key,
        partition_key: input.partitionKey,
        hash: null,
        revision: 0,
        first_seen_at: null,
        updated_at: null,
        status: input.status,
        attempts: 1,
        last_attempt_at: at,
        last_success_at: notFound ? at : null,
        error: input.error ?? null,
        seq,
        payload: null,
      }),
    );
    await db
      .insertInto('records')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['source', 'key']).doUpdateSet((eb) => ({
          partition_key: eb.ref('excluded.partition_key'),
          status: eb.ref('excluded.status'),
          attempts: eb('records.attempts', '+', 1),
          last_attempt_at: eb.ref('excluded.last_attempt_at'),
          ...(notFound ? { last_success_at: eb.ref('excluded.last_success_at') } : {}),
          error: eb.ref('excluded.error'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }
}

/**
 * `source in (every source with rows)`: true of every row, but it lets a query by partition
 * alone search the (source, partition_key, ...) index once per source instead of needing an
 * index of its own, which every record write would pay for. The sources come from a loose scan
 * of the primary key: one probe per source, a handful in all.
 */
export const inEverySource = sql<SqlBool>`source in (
  with recursive s (source) as (
    select min(source) from records
    union all
    select (select min(r.source) from records r where r.source > s.source) from s where s.source is not null
  )
  select source from s where source is not null)`;

export async function staleCounts(
  db: Kysely<Database>,
  source: string,
  staleBefore: Date,
): Promise<Map<string, number>> {
  const cutoff = toMs(staleBefore);
  const rows = await db
    .selectFrom('records')
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
      .selectFrom('records')
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
    else if (partitionKeys !== undefined) q = q.where(inEverySource);
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
        .selectFrom('records')
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
  // Pages rarely repeat a key: check first, and copy only when one does.
  const keys = new Set<string>();
  for (const record of records) keys.add(record.key);
  if (keys.size === records.length) return records;
  const byKey = new Map<string, RecordInput>();
  for (const record of records) {
    byKey.delete(record.key);
    byKey.set(record.key, record);
  }
  return [...byKey.values()];
}
