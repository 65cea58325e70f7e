import type { Kysely } from 'kysely';
import { ErrorCodes, FreshetError } from '../errors.js';
import type { StoreDialect } from './dialect.js';
import { type Migration, migrations } from './migrations.js';
import type { Database } from './schema.js';
import { wrapStoreError } from './store-error.js';
import { withWriteTransaction } from './transaction.js';

export interface MigrationResult {
  /** Schema version found before migrating (0 for a new store). */
  from: number;
  to: number;
  /** Versions applied by this call, in order. */
  applied: number[];
}

/**
 * Brings the store's schema to the latest version this code knows, in one write transaction,
 * so two processes opening a new store at once migrate it once. A store whose schema is newer
 * than the code is refused: old code must not write to a schema it does not understand.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: StoreDialect,
  label: string,
  list: readonly Migration[] = migrations,
): Promise<MigrationResult> {
  const latest = list.length;
  // Fast path without the write lock: an up-to-date store opens while another process writes.
  const current = await readVersion(db).catch(() => null);
  if (current !== null) {
    refuseNewer(current, latest, label);
    if (current === latest) return { from: current, to: current, applied: [] };
  }

  try {
    return await withWriteTransaction(
      db,
      dialect,
      async (conn) => {
        await conn.schema
          .createTable('schema_version')
          .ifNotExists()
          .addColumn('version', 'integer', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('applied_at', 'bigint', (c) => c.notNull())
          .execute();
        const from = await readVersion(conn);
        refuseNewer(from, latest, label);
        const applied: number[] = [];
        for (const migration of list) {
          if (migration.version <= from) continue;
          await migration.up(conn, dialect);
          await conn
            .insertInto('schema_version')
            .values({ version: migration.version, name: migration.name, applied_at: Date.now() })
            .execute();
          applied.push(migration.version);
        }
        return { from, to: Math.max(from, latest), applied };
      },
      (op, err) => wrapStoreError(label, `migrate (${op})`, err, dialect),
    );
  } catch (err) {
    throw wrapStoreError(label, 'migrate', err, dialect);
  }
}

async function readVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('schema_version')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version == null ? 0 : Number(row.version);
}

function refuseNewer(version: number, latest: number, label: string): void {
  if (version > latest) {
    throw new FreshetError(
      ErrorCodes.STORE_ERROR,
      `store ${label} has schema version ${version}, newer than this Freshet knows (${latest}); upgrade Freshet to open it`,
      { details: { schemaVersion: version, supportedVersion: latest } },
    );
  }
}
