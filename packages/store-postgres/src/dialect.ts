import type { StoreDialect } from '@freshet/core/kysely';
import { sql } from 'kysely';
import { isTransientPostgresError } from './transient.js';
import { beginOrRollBack, beginWriteQuery } from './write-lock.js';

/** Postgres's limit of bind parameters per statement (a 16-bit count in the protocol). */
const POSTGRES_MAX_PARAMETERS = 65_535;

export interface PostgresDialectOptions {
  /** The schema of the store: its write lock is its own. Default `public`. */
  schema?: string;
}

/** Everything Postgres-specific the shared Kysely store needs (see the README on isolation). */
export function postgresDialect(options: PostgresDialectOptions = {}): StoreDialect {
  const begin = beginWriteQuery(options.schema ?? 'public');
  return {
    name: 'postgres',
    maxParameters: POSTGRES_MAX_PARAMETERS,
    placeholder: (index) => `$${index}`,

    // Read committed plus the store's write lock: writers run one at a time, so a read inside a
    // write transaction sees everything committed before it, and nothing commits under it.
    beginWrite: (conn) =>
      beginOrRollBack(conn, async () => {
        await conn.executeQuery(begin);
      }),

    isTransient: isTransientPostgresError,

    autoIncrementId: {
      type: 'bigint',
      define: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
    },

    // The payload column is text (as on SQLite); only a JSON string counts, not a number's text.
    // The field is a bound parameter: any name is safe.
    payloadStringField(field) {
      const value = sql`${sql.ref('payload')}::jsonb -> ${field}::text`;
      return sql<
        string | null
      >`case when jsonb_typeof(${value}) = 'string' then ${sql.ref('payload')}::jsonb ->> ${field}::text end`;
    },

    // Ids copied in explicitly (a store copy) leave the identity's sequence behind: move it past them.
    async syncAutoIncrement(db, table, column) {
      await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
        db,
      );
    },

    // Collated "C" like the key columns, so keys joined to it sort in binary order.
    jsonStrings(json, alias) {
      return sql`(select value collate "C" as value from jsonb_array_elements_text(${json}::jsonb)) as ${sql.id(alias)}`;
    },
  };
}
