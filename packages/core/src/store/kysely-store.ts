import { CompiledQuery, type Kysely } from 'kysely';
import { ErrorCodes, FreshetError } from '../errors.js';
import type { Json } from '../json.js';
import { changePage, pruneHistory, revisionsOf } from './change-page.js';
import { chunk } from './chunk.js';
import type { StoreDialect } from './dialect.js';
import type { FreshnessSummary, FreshnessSummaryQuery } from './freshness-summary.js';
import { freshnessSummary } from './freshness-summary-sql.js';
import * as ledger from './ledger.js';
import * as notifications from './notifications-sql.js';
import { type RecordKeyRow, recordKeyPage } from './record-keys.js';
import { recordPage } from './record-page.js';
import {
  artifactToRow,
  checkpointToRow,
  FRESHNESS_COLUMNS,
  fromJson,
  fromJsonOrNull,
  fromMs,
  rowToArtifact,
  rowToAssetEvent,
  rowToCheckpoint,
  rowToLedgerEntry,
  rowToPartitionFreshness,
  rowToRecord,
  rowToRun,
  rowToRunPartition,
  rowToSensorState,
  rowToSensorTransition,
  runPartitionToRow,
  runPatchToRow,
  runToRow,
  toJson,
  toMs,
  toNumber,
} from './rows.js';
import type { CheckpointsTable, Database } from './schema.js';
import { perDialect, placeholders, quoted } from './sql-text.js';
import { wrapStoreError } from './store-error.js';
import { withWriteTransaction } from './transaction.js';
import type {
  ArtifactRecord,
  AssetEvent,
  ChangePageQuery,
  Checkpoint,
  CheckpointFilter,
  CheckpointSummary,
  ClaimedNotification,
  Lease,
  LeaseGrant,
  LedgerEntry,
  LedgerWatermark,
  MarkLedgerInput,
  Notification,
  NotificationInput,
  NotificationSettlement,
  NotificationState,
  PartitionFreshness,
  PartitionResultRow,
  PartitionRollup,
  QuotaConsumeResult,
  RecordChange,
  RecordPageQuery,
  RecordRevision,
  RunPartitionRow,
  RunRow,
  RunStatus,
  SensorStateRow,
  SensorTransition,
  SliceCounts,
  Store,
  StoredRecord,
  UpsertRecordsInput,
  UpsertRecordsResult,
} from './types.js';

/** Column order of the checkpoint upsert's parameters. */
const CHECKPOINT_COLUMNS = [
  'partition_key',
  'source',
  'cohort',
  'status',
  'cursor',
  'attempt',
  'counts',
  'run_id',
  'started_at',
  'updated_at',
  'completed_at',
  'last_complete_at',
  'duration_ms',
  'error',
] as const satisfies readonly (keyof CheckpointsTable)[];
// Fails to compile when a checkpoint column is missing from the list above.
const _everyCheckpointColumn: Exclude<
  keyof CheckpointsTable,
  (typeof CHECKPOINT_COLUMNS)[number]
> extends never
  ? true
  : never = true;

/**
 * Statements of every slice (the checkpoint) and every request (the quota), as SQL text: the
 * query builder took longer to build and compile them than the database took to run them.
 */
const hotSql = perDialect((dialect) => {
  const columns = CHECKPOINT_COLUMNS.map(quoted);
  const quotaUpsert =
    `insert into "quota_usage" ("source", "day", "used") values (${placeholders(dialect, 3)}) ` +
    'on conflict ("source", "day") do update set "used" = "quota_usage"."used" + excluded."used"';
  return {
    saveCheckpoint:
      `insert into "checkpoints" (${columns.join(', ')}) values (${placeholders(dialect, columns.length)}) ` +
      `on conflict ("partition_key") do update set ${columns
        .slice(1)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ')}`,
    consumeQuota: `${quotaUpsert} returning "used"`,
    // The budget check inside the conflict update keeps it atomic across processes.
    consumeQuotaWithin: `${quotaUpsert} where "quota_usage"."used" + excluded."used" <= ${dialect.placeholder(4)} returning "used"`,
  };
});

export interface KyselyStoreOptions {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** Names the store in error messages: a file path or a redacted URL, never credentials. */
  label: string;
}

/** Shared by a transaction's store and its callbacks: false once the transaction has ended. */
interface TransactionScope {
  open: boolean;
}

/** The `records` row of one key, a stored record or a ledger-only row. */
function recordRow(db: Kysely<Database>, source: string, key: string) {
  return db
    .selectFrom('records')
    .selectAll()
    .where('source', '=', source)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * The `Store` over any Kysely database with the schema of `migrations.ts`. Only `StoreDialect`
 * differs between SQLite and Postgres. Every write runs in a write transaction (inline when
 * this store is already a transaction's store).
 */
/**
 * Reaches the database under a Kysely store, for whole-store work outside the `Store` contract
 * (copying a store). A registered symbol, so a plugin with its own copy of core is reached too.
 */
export const KYSELY_STORE_INTERNALS = Symbol.for('freshet.kysely-store.internals');

export interface KyselyStoreInternals {
  db: Kysely<Database>;
  dialect: StoreDialect;
  label: string;
}

export class KyselyStore implements Store {
  readonly #db: Kysely<Database>;
  readonly #dialect: StoreDialect;
  readonly #label: string;
  readonly #scope: TransactionScope | null;
  #closed = false;

  constructor(options: KyselyStoreOptions);
  /** @internal a store bound to one transaction's connection */
  constructor(options: KyselyStoreOptions, scope: TransactionScope);
  constructor(options: KyselyStoreOptions, scope: TransactionScope | null = null) {
    this.#db = options.db;
    this.#dialect = options.dialect;
    this.#label = options.label;
    this.#scope = scope;
  }

  [KYSELY_STORE_INTERNALS](): KyselyStoreInternals {
    this.#assertUsable();
    return { db: this.#db, dialect: this.#dialect, label: this.#label };
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.#scope !== null) {
      this.#assertUsable();
      return work(this);
    }
    this.#assertUsable();
    const scope: TransactionScope = { open: true };
    try {
      return await withWriteTransaction(
        this.#db,
        this.#dialect,
        (conn) => work(new KyselyStore({ db: conn, dialect: this.#dialect, label: this.#label }, scope)),
        (op, err) => this.#wrap(`transaction (${op})`, err),
      );
    } finally {
      scope.open = false;
    }
  }

  async close(): Promise<void> {
    // A transaction's store does not own the connection; the store that opened it closes it.
    if (this.#scope !== null || this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
  }

  // Checkpoints

  getCheckpoint(partitionKey: string): Promise<Checkpoint | null> {
    return this.#read('getCheckpoint', async (db) => {
      const row = await db
        .selectFrom('checkpoints')
        .selectAll()
        .where('partition_key', '=', partitionKey)
        .executeTakeFirst();
      return row === undefined ? null : rowToCheckpoint(row);
    });
  }

  listCheckpoints(filter: CheckpointFilter = {}): Promise<Checkpoint[]> {
    return this.#read('listCheckpoints', async (db) => {
      const query = (keys: string[] | undefined) => {
        let q = db.selectFrom('checkpoints').selectAll().orderBy('partition_key');
        if (filter.source !== undefined) q = q.where('source', '=', filter.source);
        if (filter.status !== undefined) q = q.where('status', '=', filter.status);
        if (keys !== undefined) q = q.where('partition_key', 'in', keys);
        return q.execute();
      };
      if (filter.partitionKeys === undefined) return (await query(undefined)).map(rowToCheckpoint);
      const out: Checkpoint[] = [];
      const keys = [...new Set(filter.partitionKeys)].sort();
      for (const part of chunk(keys, this.#dialect.maxParameters - 2)) {
        out.push(...(await query(part)).map(rowToCheckpoint));
      }
      return out;
    });
  }

  listPartitionFreshness(source: string): Promise<PartitionFreshness[]> {
    return this.#read('listPartitionFreshness', async (db) => {
      const rows = await db
        .selectFrom('checkpoints')
        .select(FRESHNESS_COLUMNS)
        .where('source', '=', source)
        .execute();
      return rows.map(rowToPartitionFreshness);
    });
  }

  listCheckpointSummaries(source: string): Promise<CheckpointSummary[]> {
    return this.#read('listCheckpointSummaries', async (db) => {
      const rows = await db
        .selectFrom('checkpoints')
        .select([...FRESHNESS_COLUMNS, 'attempt', 'cursor', 'counts', 'updated_at'])
        .where('source', '=', source)
        .execute();
      return rows.map((r) => ({
        ...rowToPartitionFreshness(r),
        attempt: toNumber(r.attempt),
        cursor: fromJsonOrNull(r.cursor),
        counts: fromJson<SliceCounts>(r.counts),
        updatedAt: fromMs(r.updated_at),
      }));
    });
  }

  freshnessSummary(query: FreshnessSummaryQuery): Promise<FreshnessSummary> {
    return this.#read('freshnessSummary', (db) => freshnessSummary(db, this.#dialect, query));
  }

  saveCheckpoint(checkpoint: Checkpoint): Promise<void> {
    return this.#write('saveCheckpoint', async (db) => {
      const row = checkpointToRow(checkpoint);
      const params = CHECKPOINT_COLUMNS.map((column) => row[column]);
      await db.executeQuery(CompiledQuery.raw(hotSql(this.#dialect).saveCheckpoint, params));
    });
  }

  deleteCheckpoint(partitionKey: string): Promise<boolean> {
    return this.#write('deleteCheckpoint', async (db) => {
      const result = await db
        .deleteFrom('checkpoints')
        .where('partition_key', '=', partitionKey)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }

  // Records and the freshness ledger

  upsertRecords(input: UpsertRecordsInput): Promise<UpsertRecordsResult> {
    return this.#write('upsertRecords', (db) => ledger.upsertRecords(db, this.#dialect, input));
  }

  markLedger(input: MarkLedgerInput): Promise<void> {
    return this.#write('markLedger', (db) => ledger.markLedger(db, this.#dialect, input));
  }

  getRecord(source: string, key: string): Promise<StoredRecord | null> {
    return this.#read('getRecord', async (db) => {
      const row = await recordRow(db, source, key);
      // A ledger-only row (a key that failed or was not found before it was ever stored) is no record.
      return row === undefined ? null : rowToRecord(row);
    });
  }

  getLedgerEntry(source: string, key: string): Promise<LedgerEntry | null> {
    return this.#read('getLedgerEntry', async (db) => {
      const row = await recordRow(db, source, key);
      return row === undefined ? null : rowToLedgerEntry(row);
    });
  }

  countRecords(filter: { source?: string; partitionKey?: string } = {}): Promise<number> {
    return this.#read('countRecords', async (db) => {
      let q = db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('payload', 'is not', null);
      if (filter.source !== undefined) q = q.where('source', '=', filter.source);
      else if (filter.partitionKey !== undefined) q = q.where(ledger.inEverySource);
      if (filter.partitionKey !== undefined) q = q.where('partition_key', '=', filter.partitionKey);
      const row = await q.executeTakeFirst();
      return toNumber(row?.n);
    });
  }

  listRecords(query: RecordPageQuery): Promise<StoredRecord[]> {
    return this.#read('listRecords', (db) => recordPage(db, query));
  }

  /**
   * Pages through the keys in key order, so a million records never sit in memory at once. With
   * `payloadField`, yields each distinct non-empty string value of that field once (the set of
   * values already seen is what stays in memory).
   */
  async *recordKeys(source: string, payloadField?: string): AsyncIterable<string> {
    const seen = new Set<string>();
    let afterKey: string | null = null;
    for (;;) {
      const after = afterKey;
      const page: RecordKeyRow[] = await this.#read('recordKeys', (db) =>
        recordKeyPage(db, this.#dialect, source, after, payloadField),
      );
      for (const row of page) {
        if (payloadField === undefined) {
          yield row.key;
        } else if (typeof row.value === 'string' && row.value !== '' && !seen.has(row.value)) {
          seen.add(row.value);
          yield row.value;
        }
      }
      const last = page.at(-1);
      if (last === undefined) return;
      afterKey = last.key;
    }
  }

  ledgerRollup(options: {
    staleBefore: Date;
    source?: string;
    partitionKeys?: string[];
  }): Promise<PartitionRollup[]> {
    return this.#read('ledgerRollup', (db) => ledger.ledgerRollup(db, this.#dialect, options));
  }

  staleCounts(source: string, staleBefore: Date): Promise<Map<string, number>> {
    return this.#read('staleCounts', (db) => ledger.staleCounts(db, source, staleBefore));
  }

  ledgerWatermark(): Promise<LedgerWatermark> {
    return this.#read('ledgerWatermark', (db) => ledger.ledgerWatermark(db));
  }

  // Record history and the change feed (written by upsertRecords and markLedger)

  listChanges(query: ChangePageQuery): Promise<RecordChange[]> {
    return this.#read('listChanges', (db) => changePage(db, query));
  }

  listRevisions(source: string, key: string): Promise<RecordRevision[]> {
    return this.#read('listRevisions', (db) => revisionsOf(db, source, key));
  }

  pruneHistory(before: Date): Promise<{ revisions: number; changes: number }> {
    return this.#write('pruneHistory', (db) => pruneHistory(db, before));
  }

  // Runs

  createRun(run: RunRow): Promise<boolean> {
    return this.#write('createRun', async (db) => {
      // Only a runKey clash is an expected refusal; a duplicate id is a bug and throws.
      const result = await db
        .insertInto('runs')
        .values(runToRow(run))
        .onConflict((oc) => oc.column('run_key').doNothing())
        .executeTakeFirst();
      return toNumber(result.numInsertedOrUpdatedRows) === 1;
    });
  }

  updateRun(id: string, patch: Partial<Omit<RunRow, 'id'>>): Promise<void> {
    return this.#write('updateRun', async (db) => {
      const row = runPatchToRow(patch);
      if (Object.keys(row).length === 0) return;
      await db.updateTable('runs').set(row).where('id', '=', id).execute();
    });
  }

  getRun(id: string): Promise<RunRow | null> {
    return this.#read('getRun', async (db) => {
      const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : rowToRun(row);
    });
  }

  /** Newest first. */
  listRuns(options: { limit?: number; status?: RunStatus } = {}): Promise<RunRow[]> {
    return this.#read('listRuns', async (db) => {
      let q = db.selectFrom('runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc');
      if (options.status !== undefined) q = q.where('status', '=', options.status);
      if (options.limit !== undefined) q = q.limit(options.limit);
      return (await q.execute()).map(rowToRun);
    });
  }

  saveRunPartition(row: RunPartitionRow): Promise<void> {
    return this.#write('saveRunPartition', async (db) => {
      const { run_id: _run, partition_key: _key, ...rest } = runPartitionToRow(row);
      await db
        .insertInto('run_partitions')
        .values(runPartitionToRow(row))
        .onConflict((oc) => oc.columns(['run_id', 'partition_key']).doUpdateSet(rest))
        .execute();
    });
  }

  /** In partition key order. */
  listRunPartitions(runId: string): Promise<RunPartitionRow[]> {
    return this.#read('listRunPartitions', async (db) => {
      const rows = await db
        .selectFrom('run_partitions')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('partition_key')
        .execute();
      return rows.map(rowToRunPartition);
    });
  }

  // Upstream assets and the sensor

  appendAssetEvent(event: Omit<AssetEvent, 'id'>): Promise<AssetEvent> {
    return this.#write('appendAssetEvent', async (db) => {
      const row = await db
        .insertInto('asset_events')
        .values({ asset: event.asset, status: event.status, message: event.message, at: toMs(event.at) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ...event, id: toNumber(row.id) };
    });
  }

  /** Newest first. */
  listAssetEvents(options: { asset?: string; limit?: number; since?: Date } = {}): Promise<AssetEvent[]> {
    return this.#read('listAssetEvents', async (db) => {
      let q = db.selectFrom('asset_events').selectAll().orderBy('id', 'desc');
      if (options.asset !== undefined) q = q.where('asset', '=', options.asset);
      if (options.since !== undefined) q = q.where('at', '>=', toMs(options.since));
      if (options.limit !== undefined) q = q.limit(options.limit);
      return (await q.execute()).map(rowToAssetEvent);
    });
  }

  /** In asset order. */
  latestAssetEvents(): Promise<AssetEvent[]> {
    return this.#read('latestAssetEvents', async (db) => {
      const rows = await db
        .selectFrom('asset_events')
        .selectAll()
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('asset_events')
            .select((sub) => sub.fn.max('id').as('id'))
            .groupBy('asset'),
        )
        .orderBy('asset')
        .execute();
      return rows.map(rowToAssetEvent);
    });
  }

  getSensorState(name: string): Promise<SensorStateRow | null> {
    return this.#read('getSensorState', async (db) => {
      const row = await db.selectFrom('sensor_state').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? null : rowToSensorState(row);
    });
  }

  saveSensorState(name: string, state: Json, expectedVersion: number, at: Date): Promise<boolean> {
    return this.#write('saveSensorState', async (db) => {
      const values = { state: toJson(state), version: expectedVersion + 1, updated_at: toMs(at) };
      if (expectedVersion === 0) {
        const result = await db
          .insertInto('sensor_state')
          .values({ name, ...values })
          .onConflict((oc) => oc.column('name').doNothing())
          .executeTakeFirst();
        return toNumber(result.numInsertedOrUpdatedRows) === 1;
      }
      const result = await db
        .updateTable('sensor_state')
        .set(values)
        .where('name', '=', name)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    });
  }

  appendSensorTransition(transition: SensorTransition): Promise<void> {
    return this.#write('appendSensorTransition', async (db) => {
      await db
        .insertInto('sensor_transitions')
        .values({
          name: transition.name,
          from_state: transition.from,
          to_state: transition.to,
          reason: transition.reason,
          at: toMs(transition.at),
        })
        .execute();
    });
  }

  /** Newest first. */
  listSensorTransitions(name: string, limit?: number): Promise<SensorTransition[]> {
    return this.#read('listSensorTransitions', async (db) => {
      let q = db.selectFrom('sensor_transitions').selectAll().where('name', '=', name).orderBy('id', 'desc');
      if (limit !== undefined) q = q.limit(limit);
      return (await q.execute()).map(rowToSensorTransition);
    });
  }

  // Partition leases

  acquireLease(partitionKey: string, holder: string, ttlMs: number, now: Date): Promise<LeaseGrant | null> {
    return this.#write('acquireLease', async (db) => {
      const nowMs = toMs(now);
      // One statement: insert, or take over only when the lease is ours or has run out. A new
      // holding (another holder, or ours after it ran out) gets the next token; a renewal keeps it.
      const row = await db
        .insertInto('leases')
        .values({ partition_key: partitionKey, holder, expires_at: nowMs + ttlMs, token: 1 })
        .onConflict((oc) =>
          oc
            .column('partition_key')
            .doUpdateSet((eb) => ({
              holder: eb.ref('excluded.holder'),
              expires_at: eb.ref('excluded.expires_at'),
              token: eb
                .case()
                .when(
                  eb.and([
                    eb('leases.holder', '=', eb.ref('excluded.holder')),
                    eb('leases.expires_at', '>', nowMs),
                  ]),
                )
                .then(eb.ref('leases.token'))
                .else(eb(eb.ref('leases.token'), '+', 1))
                .end(),
            }))
            .where((eb) =>
              eb.or([
                eb('leases.holder', '=', eb.ref('excluded.holder')),
                eb('leases.expires_at', '<=', nowMs),
              ]),
            ),
        )
        .returning(['token', 'expires_at'])
        .executeTakeFirst();
      return row === undefined
        ? null
        : { token: toNumber(row.token), expiresAt: new Date(toNumber(row.expires_at)) };
    });
  }

  renewLease(
    partitionKey: string,
    holder: string,
    token: number,
    ttlMs: number,
    now: Date,
  ): Promise<boolean> {
    return this.#write('renewLease', async (db) => {
      const result = await db
        .updateTable('leases')
        .set({ expires_at: toMs(now) + ttlMs })
        .where('partition_key', '=', partitionKey)
        .where('holder', '=', holder)
        .where('token', '=', token)
        .executeTakeFirst();
      return toNumber(result.numUpdatedRows) === 1;
    });
  }

  releaseLease(partitionKey: string, holder: string): Promise<void> {
    return this.#write('releaseLease', async (db) => {
      // The row stays with its token, so the next holding's token is higher than every earlier one.
      await db
        .updateTable('leases')
        .set({ expires_at: 0 })
        .where('partition_key', '=', partitionKey)
        .where('holder', '=', holder)
        .execute();
    });
  }

  checkLease(partitionKey: string, holder: string, token: number): Promise<void> {
    return this.#write('checkLease', async (db) => {
      // An update that changes nothing, rather than a select: it takes the row's write lock, so a
      // take-over waits for this transaction's commit instead of racing it.
      const result = await db
        .updateTable('leases')
        .set((eb) => ({ token: eb.ref('token') }))
        .where('partition_key', '=', partitionKey)
        .where('holder', '=', holder)
        .where('token', '=', token)
        .executeTakeFirst();
      if (toNumber(result.numUpdatedRows) !== 1) {
        throw new FreshetError(
          ErrorCodes.LEASE_LOST,
          `the lease on ${partitionKey} passed from ${holder} (token ${token}) to another holder; nothing was written`,
          {
            partition: partitionKey,
            hint: 'the new holder goes on from the last committed cursor; this holder must stop working on the partition',
          },
        );
      }
    });
  }

  /** Leases still in force at `now`, in partition key order. */
  listLeases(now: Date): Promise<Lease[]> {
    return this.#read('listLeases', async (db) => {
      const rows = await db
        .selectFrom('leases')
        .selectAll()
        .where('expires_at', '>', toMs(now))
        .orderBy('partition_key')
        .execute();
      return rows.map((r) => ({
        partitionKey: r.partition_key,
        holder: r.holder,
        expiresAt: new Date(toNumber(r.expires_at)),
        token: toNumber(r.token),
      }));
    });
  }

  // Daily quota counts

  consumeQuota(source: string, day: string, n: number, budget: number | null): Promise<QuotaConsumeResult> {
    return this.#write('consumeQuota', async (db) => {
      const current = async () =>
        toNumber(
          (
            await db
              .selectFrom('quota_usage')
              .select('used')
              .where('source', '=', source)
              .where('day', '=', day)
              .executeTakeFirst()
          )?.used,
        );
      if (budget !== null && n > budget) return { granted: false, used: await current() };
      // Conditional increment in one statement: the budget holds even across processes.
      const statements = hotSql(this.#dialect);
      const { rows } = await db.executeQuery<{ used: number | string | bigint }>(
        budget === null
          ? CompiledQuery.raw(statements.consumeQuota, [source, day, n])
          : CompiledQuery.raw(statements.consumeQuotaWithin, [source, day, n, budget]),
      );
      const row = rows[0];
      if (row === undefined) return { granted: false, used: await current() };
      return { granted: true, used: toNumber(row.used) };
    });
  }

  quotaUsed(source: string, day: string): Promise<number> {
    return this.#read('quotaUsed', async (db) => {
      const row = await db
        .selectFrom('quota_usage')
        .select('used')
        .where('source', '=', source)
        .where('day', '=', day)
        .executeTakeFirst();
      return toNumber(row?.used);
    });
  }

  // State artifact bookkeeping and small settings

  recordArtifact(record: ArtifactRecord): Promise<void> {
    return this.#write('recordArtifact', async (db) => {
      await db.insertInto('artifacts').values(artifactToRow(record)).execute();
    });
  }

  latestArtifact(): Promise<ArtifactRecord | null> {
    return this.#read('latestArtifact', async (db) => {
      const row = await db
        .selectFrom('artifacts')
        .selectAll()
        .orderBy('written_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? null : rowToArtifact(row);
    });
  }

  getMeta(key: string): Promise<Json | null> {
    return this.#read('getMeta', async (db) => {
      const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
      return row === undefined ? null : fromJson(row.value);
    });
  }

  setMeta(key: string, value: Json | null): Promise<void> {
    return this.#write('setMeta', async (db) => {
      if (value === null) {
        await db.deleteFrom('meta').where('key', '=', key).execute();
        return;
      }
      const text = toJson(value);
      await db
        .insertInto('meta')
        .values({ key, value: text })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
        .execute();
    });
  }

  // Notifications

  enqueueNotifications(rows: readonly NotificationInput[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    return this.#write('enqueueNotifications', (db) => notifications.enqueueNotifications(db, rows));
  }

  claimNotifications(options: {
    holder: string;
    now: Date;
    limit: number;
    claimMs: number;
  }): Promise<ClaimedNotification[]> {
    return this.#write('claimNotifications', (db) => notifications.claimNotifications(db, options));
  }

  settleNotification(id: string, claimToken: string, settlement: NotificationSettlement): Promise<boolean> {
    return this.#write('settleNotification', (db) =>
      notifications.settleNotification(db, id, claimToken, settlement),
    );
  }

  listNotifications(options?: { limit?: number; state?: NotificationState }): Promise<Notification[]> {
    return this.#read('listNotifications', (db) => notifications.listNotifications(db, options));
  }

  recentPartitionResults(partitionKey: string, limit: number): Promise<PartitionResultRow[]> {
    return this.#read('recentPartitionResults', (db) =>
      notifications.recentPartitionResults(db, partitionKey, limit),
    );
  }

  // Plumbing

  async #read<T>(op: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    this.#assertUsable();
    try {
      return await fn(this.#db);
    } catch (err) {
      throw this.#wrap(op, err);
    }
  }

  /** Atomic on its own: inside the current transaction, or in a write transaction of its own. */
  async #write<T>(op: string, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.#scope !== null) return this.#read(op, fn);
    this.#assertUsable();
    try {
      return await withWriteTransaction(this.#db, this.#dialect, fn, (phase, err) =>
        this.#wrap(`${op} (${phase})`, err),
      );
    } catch (err) {
      throw this.#wrap(op, err);
    }
  }

  #assertUsable(): void {
    if (this.#scope !== null && !this.#scope.open) {
      throw new FreshetError(
        ErrorCodes.STORE_ERROR,
        `store ${this.#label}: a transaction's store was used after its transaction ended; use it only inside the work function`,
      );
    }
    if (this.#closed) {
      throw new FreshetError(ErrorCodes.STORE_ERROR, `store ${this.#label}: the store is closed`);
    }
  }

  #wrap(op: string, err: unknown): Error {
    return wrapStoreError(this.#label, op, err, this.#dialect);
  }
}
