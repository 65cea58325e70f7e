import { type Kysely, sql } from 'kysely';
import { ErrorCodes, FreshetError } from '../errors.js';
import { KYSELY_STORE_INTERNALS, type KyselyStoreInternals } from './kysely-store.js';
import type { Database } from './schema.js';
import { wrapStoreError } from './store-error.js';
import { withWriteTransaction } from './transaction.js';
import type { Store } from './types.js';

/**
 * Every table of the schema but its version, parents before children, each with its key in
 * order. `seeded`: the migration writes its one row, so the target's is replaced, not counted as data.
 */
const TABLES: ReadonlyArray<{
  name: keyof Database;
  key: readonly string[];
  autoId?: string;
  seeded?: boolean;
}> = [
  { name: 'checkpoints', key: ['partition_key'] },
  { name: 'records', key: ['source', 'key'] },
  { name: 'ledger_clock', key: ['id'], seeded: true },
  { name: 'runs', key: ['id'] },
  { name: 'run_partitions', key: ['run_id', 'partition_key'] },
  { name: 'asset_events', key: ['id'], autoId: 'id' },
  { name: 'sensor_state', key: ['name'] },
  { name: 'sensor_transitions', key: ['id'], autoId: 'id' },
  { name: 'leases', key: ['partition_key'] },
  { name: 'quota_usage', key: ['source', 'day'] },
  { name: 'artifacts', key: ['id'], autoId: 'id' },
  { name: 'meta', key: ['key'] },
  { name: 'record_revisions', key: ['source', 'key', 'revision'] },
  { name: 'record_changes', key: ['id'], autoId: 'id' },
  { name: 'notifications', key: ['id'] },
];

/** Kept in the target's meta while a copy is under way: a second attempt from the same store resumes. */
export const COPY_MARKER_KEY = 'freshet.store-copy';

export interface CopyStoreOptions {
  /** Empty a target that holds data from elsewhere first; without it such a target is refused. */
  replace?: boolean;
  /** Rows read and written per batch (one transaction on the target each). Default 500. */
  batchRows?: number;
  onProgress?(progress: { table: string; copied: number; total: number }): void;
}

export interface CopyStoreReport {
  /** Rows per table, equal in both stores at the end. */
  tables: Record<string, number>;
  /** True when an interrupted copy from the same store was taken up where it stopped. */
  resumed: boolean;
}

/**
 * Copies every row of one Kysely store (SQLite, Postgres) into another of the same schema
 * version, table by table in key order, a batch per transaction, so an interrupted copy goes
 * on from the last batch; the row counts of every table are compared at the end. The source
 * must not be written meanwhile (stop the workers and the daemon).
 */
export async function copyStore(
  from: Store,
  to: Store,
  options: CopyStoreOptions = {},
): Promise<CopyStoreReport> {
  const source = internals(from, 'source');
  const target = internals(to, 'target');
  const batchRows = options.batchRows ?? 500;
  await sameSchema(source, target);

  const marker = await readMarker(target.db);
  const resumed = marker === source.label;
  if (!resumed && (await hasData(target.db))) {
    if (!options.replace) {
      throw new FreshetError(
        ErrorCodes.STORE_ERROR,
        `store ${target.label} already holds data${marker ? ` (an unfinished copy from ${marker})` : ''}; nothing was copied`,
        { hint: 'copy into an empty store, or pass --replace to empty this one first' },
      );
    }
    await inTransaction(target, async (db) => {
      for (const table of [...TABLES].reverse()) await db.deleteFrom(table.name).execute();
    });
  }
  await writeMarker(target, source.label);

  const tables: Record<string, number> = {};
  for (const table of TABLES) {
    const total = await count(source.db, table.name);
    if (table.seeded) await inTransaction(target, (db) => db.deleteFrom(table.name).execute());
    let last = resumed && !table.seeded ? await lastKey(target.db, table.name, table.key) : null;
    let copied = await count(target.db, table.name);
    for (;;) {
      const rows = await page(source.db, table.name, table.key, last, batchRows);
      if (rows.length === 0) break;
      await inTransaction(target, (db) =>
        db
          .insertInto(table.name)
          .values(rows as never)
          .execute(),
      );
      copied += rows.length;
      last = keyOf(rows.at(-1)!, table.key);
      options.onProgress?.({ table: table.name, copied, total });
      if (rows.length < batchRows) break;
    }
    if (table.autoId && target.dialect.syncAutoIncrement) {
      await target.dialect.syncAutoIncrement(target.db, table.name, table.autoId);
    }
    tables[table.name] = total;
  }

  await inTransaction(target, (db) => db.deleteFrom('meta').where('key', '=', COPY_MARKER_KEY).execute());
  for (const table of TABLES) {
    const [want, got] = [await count(source.db, table.name), await count(target.db, table.name)];
    if (want !== got) {
      throw new FreshetError(
        ErrorCodes.STORE_ERROR,
        `copy check failed: ${table.name} has ${want} rows in ${source.label} but ${got} in ${target.label}`,
        {
          hint: 'was the source written during the copy? Stop every worker and daemon, then copy again with --replace',
        },
      );
    }
  }
  return { tables, resumed };
}

function internals(store: Store, role: string): KyselyStoreInternals {
  const reach = (store as unknown as Record<symbol, (() => KyselyStoreInternals) | undefined>)[
    KYSELY_STORE_INTERNALS
  ];
  if (typeof reach !== 'function') {
    throw new FreshetError(ErrorCodes.STORE_ERROR, `the ${role} store is not a SQL store Freshet can copy`);
  }
  return reach.call(store);
}

async function sameSchema(source: KyselyStoreInternals, target: KyselyStoreInternals): Promise<void> {
  const version = async (db: Kysely<Database>) =>
    Number(
      (
        await db
          .selectFrom('schema_version')
          .select((eb) => eb.fn.max('version').as('v'))
          .executeTakeFirst()
      )?.v ?? 0,
    );
  const [a, b] = [await version(source.db), await version(target.db)];
  if (a !== b) {
    throw new FreshetError(
      ErrorCodes.STORE_ERROR,
      `${source.label} has schema version ${a} and ${target.label} has ${b}; nothing was copied`,
      { hint: 'run `freshet store migrate` on the older one (with the same Freshet) and copy again' },
    );
  }
}

async function readMarker(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', COPY_MARKER_KEY)
    .executeTakeFirst();
  if (!row) return null;
  const value = JSON.parse(row.value) as { from?: unknown };
  return typeof value.from === 'string' ? value.from : null;
}

async function writeMarker(target: KyselyStoreInternals, from: string): Promise<void> {
  const value = JSON.stringify({ from });
  await inTransaction(target, (db) =>
    db
      .insertInto('meta')
      .values({ key: COPY_MARKER_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute(),
  );
}

async function hasData(db: Kysely<Database>): Promise<boolean> {
  for (const table of TABLES.filter((t) => !t.seeded)) {
    let q = db.selectFrom(table.name).select(sql<number>`1`.as('one'));
    if (table.name === 'meta') q = q.where('key' as never, '!=', COPY_MARKER_KEY as never);
    if ((await q.limit(1).execute()).length > 0) return true;
  }
  return false;
}

async function count(db: Kysely<Database>, table: keyof Database): Promise<number> {
  let q = db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  if (table === 'meta') q = q.where('key' as never, '!=', COPY_MARKER_KEY as never);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

type Row = Record<string, unknown>;

function keyOf(row: Row, key: readonly string[]): unknown[] {
  return key.map((column) => row[column]);
}

/** The rows after `after` in key order (row-value comparison: SQLite and Postgres both have it). */
function page(
  db: Kysely<Database>,
  table: keyof Database,
  key: readonly string[],
  after: unknown[] | null,
  limit: number,
) {
  const columns = sql.join(key.map((k) => sql.ref(k)));
  const where = after === null ? sql`` : sql`where (${columns}) > (${sql.join(after)})`;
  return sql<Row>`select * from ${sql.table(table)} ${where} order by ${columns} limit ${limit}`
    .execute(db)
    .then((r) => r.rows);
}

async function lastKey(
  db: Kysely<Database>,
  table: keyof Database,
  key: readonly string[],
): Promise<unknown[] | null> {
  const columns = sql.join(key.map((k) => sql.ref(k)));
  const order = sql.join(key.map((k) => sql`${sql.ref(k)} desc`));
  const { rows } =
    await sql<Row>`select ${columns} from ${sql.table(table)} order by ${order} limit 1`.execute(db);
  return rows[0] ? keyOf(rows[0], key) : null;
}

function inTransaction<T>(
  store: KyselyStoreInternals,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return withWriteTransaction(store.db, store.dialect, work, (op, err) =>
    wrapStoreError(store.label, `copy (${op})`, err, store.dialect),
  );
}
