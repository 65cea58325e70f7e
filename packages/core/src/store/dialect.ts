import type { ColumnDataType, ColumnDefinitionBuilder, Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/**
 * The few things a Kysely store cannot say in dialect-neutral SQL. Everything else in
 * `KyselyStore` and the migrations is shared, so a Postgres store only implements this.
 */
export interface StoreDialect {
  readonly name: string;
  /** The most bound parameters one statement may carry; multi-row statements are chunked under it. */
  readonly maxParameters: number;
  /**
   * The marker of the `index`-th (1-based) bound parameter in hand-written SQL (`?` for SQLite,
   * `$1` for Postgres), for the hot-path statements built as text instead of through Kysely.
   */
  placeholder(index: number): string;
  /**
   * Starts a write transaction on `conn` (a Kysely bound to one connection), taking the write
   * lock up front so two processes never fail half-way through upgrading a read lock.
   */
  beginWrite(conn: Kysely<Database>): Promise<void>;
  /** Whether a database error is about contention (busy, locked, serialization) and worth retrying. */
  isTransient(err: unknown): boolean;
  /** Column type and definition of an auto-incrementing integer primary key. */
  readonly autoIncrementId: {
    type: ColumnDataType;
    define: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  };
  /** `records.payload`'s top-level `field` when it is a JSON string, else null. */
  payloadStringField(field: string): RawBuilder<string | null>;
  /**
   * A FROM item named `alias` with one row per string of the JSON array `json`, in a column
   * `value`: a long list of keys bound as one parameter, not one parameter each.
   */
  jsonStrings(json: string, alias: string): RawBuilder<unknown>;
  /**
   * After rows were inserted with explicit ids into an auto-incrementing column (a store copy),
   * makes the next generated id follow them. SQLite does this by itself; Postgres moves the
   * column's sequence.
   */
  syncAutoIncrement?(db: Kysely<Database>, table: string, column: string): Promise<void>;
}
