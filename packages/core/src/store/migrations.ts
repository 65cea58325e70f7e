import type { Kysely } from 'kysely';
import type { StoreDialect } from './dialect.js';
import type { Database } from './schema.js';

/** One schema step. Versions are consecutive from 1; a shipped migration never changes. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<Database>, dialect: StoreDialect): Promise<void>;
}

const initial: Migration = {
  version: 1,
  name: 'initial',
  async up(db, dialect) {
    const id = dialect.autoIncrementId;

    await db.schema
      .createTable('checkpoints')
      .addColumn('partition_key', 'text', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('cohort', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('cursor', 'text')
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text')
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .addColumn('last_complete_at', 'bigint')
      .addColumn('duration_ms', 'bigint', (c) => c.notNull())
      .addColumn('error', 'text')
      .execute();
    await db.schema
      .createIndex('checkpoints_source_status')
      .on('checkpoints')
      .columns(['source', 'status'])
      .execute();

    // Records and their ledger entries in one table (see RecordsTable). The payload comes last:
    // SQLite stores a row's columns in order, so a payload too large for its page spills to
    // overflow pages without taking the ledger columns with it.
    await db.schema
      .createTable('records')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('partition_key', 'text', (c) => c.notNull())
      .addColumn('hash', 'text')
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('first_seen_at', 'bigint')
      .addColumn('updated_at', 'bigint')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('last_success_at', 'bigint')
      .addColumn('error', 'text')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('payload', 'text')
      .addPrimaryKeyConstraint('records_pk', ['source', 'key'])
      .execute();
    // The only secondary index, as every record write pays for each one. Covers staleCounts and
    // ledgerRollup of a source: they read this index alone, already grouped by partition. Every
    // ledger write moves last_success_at anyway, so the extra columns cost little. Queries by
    // partition without a source search it once per source (see `inEverySource` in ledger.ts).
    await db.schema
      .createIndex('records_source_partition_success')
      .on('records')
      .columns(['source', 'partition_key', 'last_success_at', 'status', 'last_attempt_at'])
      .execute();

    await db.schema
      .createTable('ledger_clock')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('at', 'bigint')
      .execute();
    await db.insertInto('ledger_clock').values({ id: 1, seq: 0, at: null }).execute();

    await db.schema
      .createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('run_key', 'text')
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('metadata', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('runs_run_key').on('runs').column('run_key').unique().execute();
    await db.schema.createIndex('runs_started_at').on('runs').column('started_at').execute();

    await db.schema
      .createTable('run_partitions')
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
      .addColumn('partition_key', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('retries', 'integer', (c) => c.notNull())
      .addColumn('duration_ms', 'bigint', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('sla_gap_closed', 'text')
      .addPrimaryKeyConstraint('run_partitions_pk', ['run_id', 'partition_key'])
      .execute();

    await db.schema
      .createTable('asset_events')
      .addColumn('id', id.type, id.define)
      .addColumn('asset', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('message', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('asset_events_asset').on('asset_events').columns(['asset', 'id']).execute();

    await db.schema
      .createTable('sensor_state')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sensor_transitions')
      .addColumn('id', id.type, id.define)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sensor_transitions_name')
      .on('sensor_transitions')
      .columns(['name', 'id'])
      .execute();

    await db.schema
      .createTable('leases')
      .addColumn('partition_key', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('quota_usage')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('used', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('quota_usage_pk', ['source', 'day'])
      .execute();

    await db.schema
      .createTable('artifacts')
      .addColumn('id', id.type, id.define)
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('written_at', 'bigint', (c) => c.notNull())
      .addColumn('watermark_seq', 'bigint', (c) => c.notNull())
      .addColumn('watermark_at', 'bigint')
      .addColumn('watermark_entries', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('artifacts_written_at').on('artifacts').column('written_at').execute();

    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};

const leaseTokens: Migration = {
  version: 2,
  name: 'lease fencing tokens',
  async up(db) {
    // Leases held while upgrading get token 1; their holders renew with the token they are told.
    await db.schema
      .alterTable('leases')
      .addColumn('token', 'bigint', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};

const recordHistory: Migration = {
  version: 3,
  name: 'record revisions and the change feed',
  async up(db, dialect) {
    await db.schema
      .createTable('record_revisions')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('stored_at', 'bigint', (c) => c.notNull())
      .addColumn('replaced_at', 'bigint', (c) => c.notNull())
      .addColumn('replaced_by_run', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_revisions_pk', ['source', 'key', 'revision'])
      .execute();
    // Age-based pruning deletes the oldest replaced revisions without reading the rest.
    await db.schema
      .createIndex('record_revisions_replaced_at')
      .on('record_revisions')
      .column('replaced_at')
      .execute();

    const id = dialect.autoIncrementId;
    await db.schema
      .createTable('record_changes')
      .addColumn('id', id.type, id.define)
      .addColumn('run_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('partition_key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('changed_fields', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    // A run's changes in feed order (`freshet changes --run`), and by time (`--since`, pruning).
    await db.schema
      .createIndex('record_changes_run')
      .on('record_changes')
      .columns(['run_id', 'id'])
      .execute();
    await db.schema.createIndex('record_changes_at').on('record_changes').columns(['at', 'id']).execute();
  },
};

const notificationOutbox: Migration = {
  version: 4,
  name: 'notification outbox',
  async up(db) {
    // The target's name, never its URL or secret: those stay in the config (see NotificationInput).
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('claim_token', 'text')
      .addColumn('last_error', 'text')
      .addColumn('last_status', 'integer')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('delivered_at', 'bigint')
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    // The dispatcher's "due now" scan, and the UI's newest-first list.
    await db.schema
      .createIndex('notifications_due')
      .on('notifications')
      .columns(['state', 'next_attempt_at'])
      .execute();
    await db.schema
      .createIndex('notifications_created_at')
      .on('notifications')
      .columns(['created_at', 'id'])
      .execute();
    // `recentPartitionResults`: a partition's results across runs, for its failure streak.
    await db.schema
      .createIndex('run_partitions_partition')
      .on('run_partitions')
      .column('partition_key')
      .execute();
  },
};

/** Every migration, in order. Append new ones; never edit a shipped one. */
export const migrations: readonly Migration[] = [initial, leaseTokens, recordHistory, notificationOutbox];

export const LATEST_SCHEMA_VERSION = migrations.length;
