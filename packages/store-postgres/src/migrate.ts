import {
  type Database,
  type MigrationResult,
  migrateToLatest,
  type StoreDialect,
} from '@freshet/core/kysely';
import { type Kysely, sql } from 'kysely';
import { binaryTextColumns } from './collation.js';
import { beginOrRollBack } from './write-lock.js';

/**
 * Core's shared migrations, run as they are. Their write transaction holds the store's write
 * lock, so openers racing on a new schema migrate it once: the first creates the schema and the
 * tables, the others wait for the lock, then find the latest version and do nothing.
 */
export async function migrate(
  db: Kysely<Database>,
  dialect: StoreDialect,
  schema: string,
  label: string,
): Promise<MigrationResult> {
  const migrating: StoreDialect = {
    ...dialect,
    async beginWrite(conn) {
      await dialect.beginWrite(conn);
      await beginOrRollBack(conn, () => createSchemaIfMissing(conn, schema));
    },
  };
  return migrateToLatest(db.withPlugin(binaryTextColumns), migrating, label);
}

/**
 * Under the write lock, so two openers never race on it (`create schema if not exists` can fail
 * on a concurrent create). Looked up first: a role without CREATE on the database can still
 * open an existing schema.
 */
async function createSchemaIfMissing(conn: Kysely<Database>, schema: string): Promise<void> {
  const { rows } = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(conn);
  if (rows.length === 0) await sql`create schema ${sql.id(schema)}`.execute(conn);
}
