import { CompiledQuery, type Kysely, sql } from 'kysely';
import { changedFields } from './changed-fields.js';
import { chunk, rowsPerStatement } from './chunk.js';
import type { StoreDialect } from './dialect.js';
import { toMs } from './rows.js';
import type { Database } from './schema.js';
import { perDialect, SqlTexts } from './sql-text.js';
import type { ChangeKind, MarkLedgerInput, RecordInput, UpsertRecordsInput } from './types.js';

/*
 * The write side of record history and the change feed, run inside the slice's transaction by
 * `upsertRecords` and `markLedger`. Only records whose hash differs are read (their old payload
 * is copied to `record_revisions` and handed back for the diff); a first load reads nothing but
 * the primary-key probes of the capture statement.
 */

export const DEFAULT_KEEP_REVISIONS = 5;
/** Bound parameters per change row (see `changeInsertSql`). */
const CHANGE_PARAMETERS = 8;

/** What `captureReplaced` found: the revision being replaced and its payload text, per key. */
export type Replaced = Map<string, { revision: number; payload: string }>;

class HistorySql {
  readonly #dialect: StoreDialect;
  readonly #texts = new SqlTexts();
  readonly changeRowsPerStatement: number;

  constructor(dialect: StoreDialect) {
    this.#dialect = dialect;
    this.changeRowsPerStatement = Math.min(500, rowsPerStatement(dialect.maxParameters, CHANGE_PARAMETERS));
  }

  capture(rows: number): string {
    return this.#texts.get(`capture:${rows}`, () => captureSql(this.#dialect, rows));
  }

  insertChanges(rows: number): string {
    return this.#texts.get(`changes:${rows}`, () => changeInsertSql(this.#dialect, rows));
  }
}

const sqlFor = perDialect((dialect) => new HistorySql(dialect));

/**
 * Copies the stored row of every incoming record whose hash differs into `record_revisions`
 * and returns those keys with the replaced revision and payload. Ledger-only rows (no payload)
 * are not revisions: writing them is a `created`. Parameters: (key, hash) per row, then
 * replaced_at, replaced_by_run, source.
 */
function captureSql(dialect: StoreDialect, rows: number): string {
  let n = 0;
  const p = () => dialect.placeholder(++n);
  const values: string[] = [];
  // Bare placeholders: Postgres types an all-unknown VALUES column as text, and SQLite plans
  // `cast(? as text)` there a hundred times slower (measured: 13 s against 0.15 s for 100k keys).
  for (let i = 0; i < rows; i++) values.push(`(${p()}, ${p()})`);
  return (
    `with incoming ("key", hash) as (values ${values.join(', ')}) ` +
    'insert into record_revisions (source, "key", revision, hash, stored_at, replaced_at, replaced_by_run, payload) ' +
    `select r.source, r."key", r.revision, r.hash, r.updated_at, cast(${p()} as bigint), cast(${p()} as text), r.payload ` +
    `from incoming i join records r on r.source = ${p()} and r."key" = i."key" ` +
    'where r.payload is not null and r.hash <> i.hash ' +
    'returning "key", revision, payload'
  );
}

/** Parameters per row: run_id, source, key, partition_key, kind, revision, changed_fields, at. */
function changeInsertSql(dialect: StoreDialect, rows: number): string {
  let n = 0;
  const p = () => dialect.placeholder(++n);
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    values.push(`(${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()}, ${p()})`);
  }
  return (
    'insert into record_changes (run_id, source, "key", partition_key, kind, revision, changed_fields, at) ' +
    `values ${values.join(', ')}`
  );
}

/** Step 1 of a chunk's write, before the upsert: see `captureSql`. */
export async function captureReplaced(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: UpsertRecordsInput,
  records: readonly RecordInput[],
  into: Replaced,
): Promise<void> {
  const params: unknown[] = [];
  for (const record of records) params.push(record.key, record.hash);
  params.push(toMs(input.at), input.runId ?? null, input.source);
  const { rows } = await db.executeQuery<{ key: string; revision: number | string; payload: string }>(
    CompiledQuery.raw(sqlFor(dialect).capture(records.length), params),
  );
  for (const row of rows) into.set(row.key, { revision: Number(row.revision), payload: row.payload });
}

interface ChangeRow {
  key: string;
  kind: ChangeKind;
  revision: number;
  changedFields: string | null;
}

/**
 * After the upsert: one change per written key (created, or changed with its fields), and the
 * revisions of the changed keys beyond `keepRevisions` deleted.
 */
export async function recordWrites(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: UpsertRecordsInput,
  batch: readonly RecordInput[],
  writtenKeys: readonly string[],
  replaced: Replaced,
): Promise<void> {
  if (writtenKeys.length === 0) return;
  const jsonByKey = replaced.size === 0 ? null : new Map(batch.map((r) => [r.key, r.json]));
  const rows: ChangeRow[] = writtenKeys.map((key) => {
    const old = replaced.get(key);
    if (old === undefined) return { key, kind: 'created', revision: 1, changedFields: null };
    const fields = changedFields(old.payload, jsonByKey!.get(key)!);
    return { key, kind: 'changed', revision: old.revision + 1, changedFields: JSON.stringify(fields) };
  });
  await insertChanges(
    db,
    dialect,
    input.runId ?? null,
    input.source,
    input.partitionKey,
    toMs(input.at),
    rows,
  );
  if (replaced.size > 0) {
    await trimRevisions(
      db,
      dialect,
      input.source,
      [...replaced.keys()],
      input.keepRevisions ?? DEFAULT_KEEP_REVISIONS,
    );
  }
}

async function insertChanges(
  db: Kysely<Database>,
  dialect: StoreDialect,
  runId: string | null,
  source: string,
  partitionKey: string,
  at: number,
  rows: readonly ChangeRow[],
): Promise<void> {
  const statements = sqlFor(dialect);
  for (const part of chunk(rows, statements.changeRowsPerStatement)) {
    const params: unknown[] = [];
    for (const row of part) {
      params.push(runId, source, row.key, partitionKey, row.kind, row.revision, row.changedFields, at);
    }
    await db.executeQuery(CompiledQuery.raw(statements.insertChanges(part.length), params));
  }
}

/** Keeps the `keep` newest earlier revisions of each key: those above current - 1 - keep. */
async function trimRevisions(
  db: Kysely<Database>,
  dialect: StoreDialect,
  source: string,
  keys: readonly string[],
  keep: number,
): Promise<void> {
  for (const part of chunk(keys, dialect.maxParameters - 2)) {
    await db
      .deleteFrom('record_revisions')
      .where('source', '=', source)
      .where('key', 'in', part)
      .where(
        'revision',
        '<=',
        sql<number>`(select r.revision from records r where r.source = record_revisions.source and r."key" = record_revisions."key") - ${1 + keep}`,
      )
      .execute();
  }
}

/**
 * Before `markLedger` marks keys `not_found`: a stored record the API no longer knows, and that
 * was not already gone, is a `gone` change. Keys never stored are no records, so no change.
 */
export async function recordGone(
  db: Kysely<Database>,
  dialect: StoreDialect,
  input: MarkLedgerInput,
  keys: readonly string[],
): Promise<void> {
  if (input.status !== 'not_found') return;
  const at = toMs(input.at);
  for (const part of chunk(keys, dialect.maxParameters - 5)) {
    await db
      .insertInto('record_changes')
      .columns(['run_id', 'source', 'key', 'partition_key', 'kind', 'revision', 'changed_fields', 'at'])
      .expression((eb) =>
        eb
          .selectFrom('records')
          .select([
            sql<string | null>`cast(${input.runId ?? null} as text)`.as('run_id'),
            'source',
            'key',
            sql<string>`cast(${input.partitionKey} as text)`.as('partition_key'),
            sql<ChangeKind>`'gone'`.as('kind'),
            'revision',
            sql<null>`cast(null as text)`.as('changed_fields'),
            sql<number>`cast(${at} as bigint)`.as('at'),
          ])
          .where('source', '=', input.source)
          .where('key', 'in', part)
          .where('payload', 'is not', null)
          .where('status', '<>', 'not_found'),
      )
      .execute();
  }
}
