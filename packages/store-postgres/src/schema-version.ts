import { ErrorCodes, FreshetError } from '@freshet/core';
import { type Database, migrations } from '@freshet/core/kysely';
import { type Kysely, sql } from 'kysely';

/** The schema version of the store in the connection's schema; 0 when it has none yet. */
export async function readSchemaVersion(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{
    present: boolean;
  }>`select to_regclass('schema_version') is not null as present`.execute(db);
  if (rows[0]?.present !== true) return 0;
  const row = await db
    .selectFrom('schema_version')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version == null ? 0 : Number(row.version);
}

/**
 * For `migrate: false`: the schema must be exactly the one this code knows. An older one is
 * for `freshet store migrate` to upgrade (a deploy step run once, not by every worker); a newer
 * one needs a newer Freshet, as `migrateToLatest` says too.
 */
export async function requireLatestSchema(db: Kysely<Database>, label: string): Promise<void> {
  const version = await readSchemaVersion(db);
  const latest = migrations.length;
  const details = { schemaVersion: version, supportedVersion: latest };
  if (version > latest) {
    throw new FreshetError(
      ErrorCodes.STORE_ERROR,
      `store ${label} has schema version ${version}, newer than this Freshet knows (${latest}); upgrade Freshet to open it`,
      { details },
    );
  }
  if (version < latest) {
    const found = version === 0 ? 'has no Freshet schema yet' : `has schema version ${version}`;
    throw new FreshetError(
      ErrorCodes.STORE_ERROR,
      `store ${label} ${found}, and this Freshet needs version ${latest}; it was opened without migrating`,
      { details, hint: 'run `freshet store migrate` once to create or upgrade the schema, then start again' },
    );
  }
}
