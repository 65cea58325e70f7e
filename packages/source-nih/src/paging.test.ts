import { ErrorCodes, type FreshetError, isFreshetError, silentLogger } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import type { SearchResponse } from './client.js';
import { planPage, reachableTotal, readCursor, sliceFromPage } from './paging.js';
import type { NihCursor } from './types.js';

const KEY = 'nih:project_week_2025-W12';

/** A page of the API: projects `ids` at `offset` of `total`. */
function page(offset: number, limit: number, total: number, ids: number[]): SearchResponse {
  return {
    meta: {
      search_id: 'abc',
      total,
      offset,
      limit,
      sort_field: 'appl_id',
      sort_order: 'asc',
      sorted_by_relevance: false,
      properties: { URL: 'https:/reporter.nih.gov/search/abc/projects' },
    },
    results: ids.map((appl_id) => ({ appl_id })),
  };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

function thrown(fn: () => unknown): FreshetError {
  try {
    fn();
  } catch (err) {
    if (isFreshetError(err)) return err;
    throw err;
  }
  throw new Error('expected a FreshetError');
}

describe('planPage', () => {
  it('starts at 0, then one project early to see the last one again', () => {
    expect(planPage(null, 500)).toEqual({ offset: 0, limit: 500, skip: 0 });
    expect(planPage({ offset: 500, total: 1200, lastApplId: 9, restarts: 0 }, 500)).toEqual({
      offset: 499,
      limit: 500,
      skip: 1,
    });
  });

  it('stops at offset 14,999 and skips what was already seen there', () => {
    expect(planPage({ offset: 14_999, total: 15_400, lastApplId: 9, restarts: 0 }, 500)).toEqual({
      offset: 14_998,
      limit: 500,
      skip: 1,
    });
    expect(planPage({ offset: 15_497, total: 15_499, lastApplId: 9, restarts: 0 }, 500)).toEqual({
      offset: 14_999,
      limit: 500,
      skip: 498,
    });
    expect(reachableTotal(500)).toBe(15_499);
  });
});

describe('sliceFromPage', () => {
  it('pages a cohort to the end: every project once, the last page marked done', () => {
    const ids = range(1000, 25);
    let cursor: NihCursor | null = null;
    const seen: number[] = [];
    for (let slices = 1; ; slices++) {
      const plan = planPage(cursor, 10);
      const slice = sliceFromPage(
        KEY,
        cursor,
        plan,
        page(plan.offset, 10, 25, ids.slice(plan.offset, plan.offset + 10)),
      );
      seen.push(...slice.records.map((r) => r.appl_id));
      expect(slice.total).toBe(25);
      if (slice.done) {
        expect(slices).toBe(3);
        break;
      }
      cursor = slice.cursor;
    }
    expect(seen).toEqual(ids);
  });

  it('pages past offset 14,999 up to 14,999 + limit projects without loss or repeats', () => {
    const total = 15_499;
    const ids = range(1, total);
    let cursor: NihCursor | null = null;
    const seen: number[] = [];
    let slices = 0;
    for (;;) {
      slices++;
      const plan = planPage(cursor, 500);
      expect(plan.offset).toBeLessThanOrEqual(14_999);
      const slice = sliceFromPage(
        KEY,
        cursor,
        plan,
        page(plan.offset, 500, total, ids.slice(plan.offset, plan.offset + 500)),
      );
      seen.push(...slice.records.map((r) => r.appl_id));
      if (slice.done) break;
      cursor = slice.cursor;
    }
    expect(seen).toEqual(ids);
    expect(slices).toBe(32);
  });

  it('finishes an empty cohort in one slice', () => {
    expect(sliceFromPage(KEY, null, planPage(null, 500), page(0, 500, 0, []))).toEqual({
      records: [],
      cursor: null,
      done: true,
      total: 0,
    });
  });

  it('fails at once with COHORT_TOO_LARGE when the total cannot be paged through', () => {
    const err = thrown(() =>
      sliceFromPage(KEY, null, planPage(null, 500), page(0, 500, 15_500, range(1, 500))),
    );
    expect(err.code).toBe(ErrorCodes.COHORT_TOO_LARGE);
    expect(err.message).toBe(
      '[freshet] [nih] nih:project_week_2025-W12 matches 15,500 projects, but one search can be paged through only 15,499 deep (offset at most 14,999, limit 500); narrow the cohort: fewer activity codes (option activityCodes) or an agencies / fiscalYears filter',
    );
    expect(err.details).toEqual({ total: 15_500, reachable: 15_499, limit: 500 });
    const smaller = thrown(() =>
      sliceFromPage(KEY, null, planPage(null, 100), page(0, 100, 15_100, range(1, 100))),
    );
    expect(smaller.details).toMatchObject({ reachable: 15_099 });
  });

  it('starts over when the total changed since paging began', () => {
    const cursor: NihCursor = { offset: 10, total: 25, lastApplId: 1009, restarts: 0 };
    const plan = planPage(cursor, 10);
    const slice = sliceFromPage(KEY, cursor, plan, page(9, 10, 26, range(1009, 10)));
    expect(slice.done).toBe(false);
    expect(slice.cursor).toEqual({ offset: 0, total: 26, lastApplId: 0, restarts: 1 });
    // The page's projects are current members of the cohort: kept.
    expect(slice.records.map((r) => r.appl_id)).toEqual(range(1009, 10));
  });

  it('starts over when a project before the cursor vanished though the total is the same', () => {
    // 1005 dropped and 2000 added: same total, every later project one place earlier.
    const cursor: NihCursor = { offset: 10, total: 25, lastApplId: 1009, restarts: 0 };
    const slice = sliceFromPage(KEY, cursor, planPage(cursor, 10), page(9, 10, 25, range(1010, 10)));
    expect(slice.cursor).toEqual({ offset: 0, total: 25, lastApplId: 0, restarts: 1 });
  });

  it('gives up with UPSTREAM_UNAVAILABLE when the results keep changing', () => {
    const cursor: NihCursor = { offset: 10, total: 25, lastApplId: 1009, restarts: 3 };
    const err = thrown(() =>
      sliceFromPage(KEY, cursor, planPage(cursor, 10), page(9, 10, 27, range(1009, 10))),
    );
    expect(err.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
    expect(err.message).toContain('run the partition again later');
  });

  it('starts over rather than loop when a page comes back empty before the total', () => {
    const slice = sliceFromPage(KEY, null, planPage(null, 10), page(0, 10, 25, []));
    expect(slice.cursor).toEqual({ offset: 0, total: 25, lastApplId: 0, restarts: 1 });
  });

  it('reports SCHEMA_DRIFT when the API ignores offset', () => {
    const cursor: NihCursor = { offset: 10, total: 25, lastApplId: 1009, restarts: 0 };
    const ignored = thrown(() =>
      sliceFromPage(KEY, cursor, planPage(cursor, 10), page(0, 10, 25, range(1000, 10))),
    );
    expect(ignored.code).toBe(ErrorCodes.SCHEMA_DRIFT);
    expect(ignored.details).toEqual({ fields: ['meta.offset'] });
  });
});

describe('paging in the API’s own order (the appl_id sort ignored)', () => {
  /** The cohort in an order that is not appl_id order, the same on every request. */
  const order = [
    1017, 1003, 1021, 1008, 1000, 1012, 1024, 1005, 1019, 1001, 1014, 1009, 1022, 1006, 1015, 1002, 1011,
    1020, 1004, 1018, 1010, 1023, 1007, 1016, 1013,
  ];
  const apiPage = (ids: number[], plan: { offset: number; limit: number }, total = ids.length) =>
    page(plan.offset, plan.limit, total, ids.slice(plan.offset, plan.offset + plan.limit));

  function collect(
    ids: number[],
    limit: number,
    from: NihCursor | null = null,
    pageOf = (plan: { offset: number; limit: number }) => apiPage(ids, plan),
  ) {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_fields: unknown, message: string) => warnings.push(message) };
    let cursor = from;
    const seen: number[] = [];
    const cursors: NihCursor[] = [];
    for (let slices = 1; slices < 100; slices++) {
      const plan = planPage(cursor, limit);
      const slice = sliceFromPage(KEY, cursor, plan, pageOf(plan), logger);
      const keys = slice.records.map((r) => r.appl_id);
      expect(new Set(keys).size, 'a slice repeats an appl_id').toBe(keys.length);
      seen.push(...keys);
      if (slice.done) return { seen, warnings, cursors, slices };
      cursor = slice.cursor;
      cursors.push(cursor!);
    }
    throw new Error('paging did not end');
  }

  it('pages every project exactly once, warning once, with a small cursor', () => {
    const { seen, warnings, cursors } = collect(order, 10);
    expect([...seen].sort((a, b) => a - b)).toEqual(range(1000, 25));
    expect(seen).toHaveLength(25);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('ignored sort_field appl_id');
    expect(warnings[0]).toContain(KEY);
    for (const cursor of cursors) {
      expect(cursor).toMatchObject({ order: 'api' });
      expect(JSON.stringify(cursor).length).toBeLessThan(200);
    }
  });

  it('asks each later page to start a few projects early and checks them against the last page', () => {
    const { cursors } = collect(order, 10);
    expect(cursors[0]).toEqual({
      order: 'api',
      offset: 10,
      total: 25,
      tail: order.slice(5, 10),
      restarts: 0,
    });
    expect(planPage(cursors[0]!, 10)).toEqual({ offset: 5, limit: 10, skip: 5 });
  });

  it('resumes from a stored API-order cursor without warning again', () => {
    const cursor: NihCursor = { order: 'api', offset: 10, total: 25, tail: order.slice(5, 10), restarts: 0 };
    const { seen, warnings } = collect(order, 10, cursor);
    expect(seen).toEqual(order.slice(10));
    expect(warnings).toEqual([]);
  });

  it('works with the smallest limit: one project of overlap', () => {
    const { seen } = collect(order, 2);
    expect([...seen].sort((a, b) => a - b)).toEqual(range(1000, 25));
  });

  it('starts over in the API’s order when a page after the first comes out of appl_id order', () => {
    const cursor: NihCursor = { offset: 10, total: 25, lastApplId: 1009, restarts: 0 };
    const slice = sliceFromPage(KEY, cursor, planPage(cursor, 10), page(9, 10, 25, order.slice(9, 19)));
    expect(slice.cursor).toEqual({ order: 'api', offset: 0, total: 25, tail: [], restarts: 0 });
    expect(slice.records.map((r) => r.appl_id)).toEqual(order.slice(9, 19));
    expect(slice.done).toBe(false);
  });

  it('starts over when the order changed between requests, and gives up after 3 start-overs', () => {
    const cursor: NihCursor = { order: 'api', offset: 10, total: 25, tail: order.slice(5, 10), restarts: 0 };
    const other = [...order].reverse();
    const slice = sliceFromPage(KEY, cursor, planPage(cursor, 10), apiPage(other, { offset: 5, limit: 10 }));
    expect(slice.cursor).toEqual({ order: 'api', offset: 0, total: 25, tail: [], restarts: 1 });
    // The page's projects are current members of the cohort: kept.
    expect(slice.records).toHaveLength(10);
    const last = { ...cursor, restarts: 3 };
    const err = thrown(() =>
      sliceFromPage(KEY, last, planPage(last, 10), apiPage(other, { offset: 5, limit: 10 })),
    );
    expect(err.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
    expect(err.message).toContain('order');
  });

  it('tolerates the overlap coming back in another order: the same projects, none repeated', () => {
    const cursor: NihCursor = { order: 'api', offset: 10, total: 25, tail: order.slice(5, 10), restarts: 0 };
    const swapped = [...order.slice(0, 5), ...order.slice(5, 10).reverse(), ...order.slice(10)];
    const slice = sliceFromPage(
      KEY,
      cursor,
      planPage(cursor, 10),
      apiPage(swapped, { offset: 5, limit: 10 }),
    );
    expect(slice.records.map((r) => r.appl_id)).toEqual(order.slice(10, 15));
    expect(slice.cursor).toMatchObject({ offset: 15, restarts: 0 });
  });

  it('never puts one appl_id twice in a slice: a repeated row is dropped with a warning', () => {
    const twice = [1017, 1003, 1021, 1003, 1000];
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_fields: unknown, message: string) => warnings.push(message) };
    const slice = sliceFromPage(KEY, null, planPage(null, 10), page(0, 10, 5, twice), logger);
    expect(slice.records.map((r) => r.appl_id)).toEqual([1017, 1003, 1021, 1000]);
    expect(slice.done).toBe(true);
    expect(warnings.some((w) => w.includes('1003'))).toBe(true);
  });
});

describe('readCursor', () => {
  it('passes this source’s cursors and refuses others with CHECKPOINT_MISMATCH', () => {
    const cursor: NihCursor = { offset: 500, total: 900, lastApplId: 10_320_986, restarts: 0 };
    expect(readCursor(KEY, cursor)).toEqual(cursor);
    const apiOrder: NihCursor = { order: 'api', offset: 500, total: 900, tail: [7, 3, 9, 1, 5], restarts: 1 };
    expect(readCursor(KEY, apiOrder)).toEqual(apiOrder);
    expect(thrown(() => readCursor(KEY, { ...apiOrder, tail: range(1, 40) })).code).toBe(
      ErrorCodes.CHECKPOINT_MISMATCH,
    );
    expect(readCursor(KEY, null)).toBeNull();
    const err = thrown(() => readCursor(KEY, { page: 3 }));
    expect(err.code).toBe(ErrorCodes.CHECKPOINT_MISMATCH);
    expect(err.message).toContain('reset the partition');
  });
});
