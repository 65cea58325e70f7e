import { describe, expectTypeOf, it } from 'vitest';
import type { CohortScheme } from './partitions/types.js';
import type { Quota } from './quota/types.js';
import { defineSource, type Source, type SourceColumns } from './source.js';

declare const cohort: CohortScheme;
declare const quota: Quota;

interface Row {
  id: string;
  amount: number;
}
// A type alias, not an interface: only aliases are assignable to Json's index signature.
type PageCursor = { page: number };
const base = { id: 'demo', cohort, quota, sla: '7d', listPartitions: async () => [] };

describe('defineSource', () => {
  it('infers options, record and cursor from the members', () => {
    const source = defineSource({
      ...base,
      options: { pageSize: 10 },
      fetchSlice: async (request: { cursor: PageCursor | null; options: { pageSize: number } }) => ({
        records: [{ id: 'a', amount: request.options.pageSize }] as Row[],
        cursor: { page: (request.cursor?.page ?? 0) + 1 },
        done: false,
      }),
      recordKey: (record) => {
        // The key function sees the record type fetchSlice returns, not unknown.
        expectTypeOf(record).toEqualTypeOf<Row>();
        return record.id;
      },
    });
    expectTypeOf(source).toEqualTypeOf<Source<{ pageSize: number }, Row, PageCursor>>();
  });

  it('holds fetchSlice to the declared cursor and recordKey to the declared record', () => {
    defineSource<{ pageSize: number }, Row, PageCursor>({
      ...base,
      options: { pageSize: 10 },
      fetchSlice: async ({ cursor }) => {
        expectTypeOf(cursor).toEqualTypeOf<PageCursor | null>();
        return { records: [], cursor: { page: 1 }, done: false };
      },
      recordKey: (record) => record.id,
    });
    defineSource<{ pageSize: number }, Row, PageCursor>({
      ...base,
      options: { pageSize: 10 },
      // @ts-expect-error the cursor must be the declared PageCursor
      fetchSlice: async () => ({ records: [], cursor: { offset: 1 }, done: false }),
      recordKey: (record) => record.id,
    });
    defineSource<{ pageSize: number }, Row, PageCursor>({
      ...base,
      options: { pageSize: 10 },
      fetchSlice: async () => ({ records: [], cursor: null, done: true }),
      // @ts-expect-error Row has no `key` field
      recordKey: (record) => record.key,
    });
  });

  it('rejects a cursor that is not JSON, since checkpoints persist it', () => {
    // @ts-expect-error a Date is not Json
    defineSource<unknown, Row, Date>({
      ...base,
      options: {},
      fetchSlice: async () => ({ records: [], cursor: null, done: true }),
      recordKey: (record) => record.id,
    });
  });

  it('takes typed payload columns, and only the column types exports know', () => {
    const source = defineSource({
      ...base,
      options: {},
      fetchSlice: async () => ({ records: [] as Row[], cursor: null, done: true }),
      recordKey: (record) => record.id,
      columns: { id: 'string', amount: 'number', 'meta.seen': 'timestamp' },
    });
    expectTypeOf(source.columns).toEqualTypeOf<SourceColumns | undefined>();
    defineSource({
      ...base,
      options: {},
      fetchSlice: async () => ({ records: [] as Row[], cursor: null, done: true }),
      recordKey: (record) => record.id,
      // @ts-expect-error `int` is not a column type; `integer` is
      columns: { amount: 'int' },
    });
  });
});
