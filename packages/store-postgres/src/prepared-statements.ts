import type pg from 'pg';

/*
 * The Postgres counterpart of the SQLite store's statement cache: a write statement the store
 * runs again and again (a slice's multi-row insert, the checkpoint upsert, the ledger clock, the
 * lease check) is prepared once per connection and then only bound and run. Parsing and planning
 * a 50-row insert (500 parameters) took as long as running it. Only writes are prepared: their
 * plans are the same for any parameters, while a read's best plan may depend on its values.
 */

/** Uses of a text before it is prepared: one-off statements stay unnamed. */
const PREPARE_AFTER_USES = 2;
/** Texts prepared per pool (each connection prepares them as it meets them); the hot path needs a few dozen. */
const MAX_PREPARED = 200;
/** Texts counted before the counts start over, so one-off texts cannot grow the map for ever. */
const MAX_COUNTED = 2000;

const WRITE = /^\s*(insert|update|delete)\s/i;

export interface StatementNames {
  /** The name to prepare `text` under, once it has proved to be a repeated write; else undefined. */
  nameFor(text: string): string | undefined;
}

export function statementNames(): StatementNames {
  const names = new Map<string, string>();
  const uses = new Map<string, number>();
  return {
    nameFor(text) {
      const known = names.get(text);
      if (known !== undefined || names.size >= MAX_PREPARED || !WRITE.test(text)) return known;
      const count = (uses.get(text) ?? 0) + 1;
      if (count < PREPARE_AFTER_USES) {
        if (uses.size >= MAX_COUNTED) uses.clear();
        uses.set(text, count);
        return undefined;
      }
      uses.delete(text);
      const name = `freshet_${names.size + 1}`;
      names.set(text, name);
      return name;
    },
  };
}

/**
 * Makes `client.query(text, values)` (how Kysely calls it) run a repeated write as a named
 * statement. The names are the pool's, so a text has one name on every connection.
 */
export function prepareRepeatedWrites(client: pg.PoolClient, names: StatementNames): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = (...args: unknown[]): unknown => {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      const name = names.nameFor(text);
      if (name !== undefined) return query({ name, text, values });
    }
    return query(...args);
  };
  client.query = prepared as typeof client.query;
}
