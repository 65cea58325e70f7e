import { ErrorCodes, FreshetError, type Logger, type SliceResult } from '@freshet/core';
import type { SearchResponse } from './client.js';
import { NIH_API_ORDER_OVERLAP, NIH_MAX_RESTARTS, NIH_SOURCE_ID } from './defaults.js';
import type { PagePlan } from './paging.js';
import { rowsOnce, uniqueRows } from './rows.js';
import type { NihApiOrderCursor, NihCursor, NihProject } from './types.js';

/**
 * Paging in whatever order the API answers in, once it showed it ignores `sort_field: appl_id`.
 * Offset pages are correct in any order that stays the same from request to request. Each page
 * starts `tail.length` projects early; those must be the last page's final projects (in any
 * order), else the order or the result set moved across the page boundary and the week starts
 * over. Only a move that stays behind the overlap goes unseen: then a project can be missed or
 * fetched twice (stored once, as an upsert), and the next run of the week picks it up.
 */
export function sliceInApiOrder(
  partitionKey: string,
  cursor: NihApiOrderCursor,
  plan: PagePlan,
  page: SearchResponse,
  logger: Logger,
): SliceResult<NihProject, NihCursor> {
  const { total } = page.meta;
  const rows = page.results;
  if (total === 0) return { records: [], cursor: null, done: true, total };

  const overlap = rows.slice(plan.skip - cursor.tail.length, plan.skip).map((r) => r.appl_id);
  const overlapMoved = !sameSet(overlap, cursor.tail);
  const next = plan.offset + rows.length;
  const done = next >= total;
  const freshCount = uniqueRows(rows.slice(plan.skip), overlap).rows.length;
  if (total !== cursor.total || overlapMoved || (!done && freshCount === 0)) {
    return restartInApiOrder(partitionKey, cursor, total, rowsOnce(logger, partitionKey, plan.offset, rows));
  }
  const head = rows.slice(0, plan.skip).map((r) => r.appl_id);
  const fresh = rowsOnce(logger, partitionKey, plan.offset, rows.slice(plan.skip), head);
  const keep = Math.min(NIH_API_ORDER_OVERLAP, plan.limit - 1, rows.length);
  return {
    records: fresh,
    cursor: {
      order: 'api',
      offset: next,
      total,
      tail: rows.slice(rows.length - keep).map((r) => r.appl_id),
      restarts: cursor.restarts,
    },
    done,
    total,
  };
}

/** The one warning of a week paged without the sort: said when the week switches over. */
export function warnSortIgnored(
  logger: Logger,
  partitionKey: string,
  rows: readonly NihProject[],
  index: number,
): void {
  logger.warn(
    { partition: partitionKey, source: NIH_SOURCE_ID, field: `results[${index}].appl_id` },
    `POST /v2/projects/search ignored sort_field appl_id for ${partitionKey} (results[${index}].appl_id ${rows[index]?.appl_id} after ${rows[index - 1]?.appl_id}); paging it in the API's own order instead: each page repeats up to ${NIH_API_ORDER_OVERLAP} projects of the page before, which must match, and a repeated appl_id is kept once. Complete as long as the API keeps one order for the week; a changed order starts the week over`,
  );
}

/**
 * The result set or its order changed while it was paged: start the week over in the API's
 * order. This page's projects (each once) are current members of the cohort, so they are kept.
 */
function restartInApiOrder(
  partitionKey: string,
  cursor: NihApiOrderCursor,
  total: number,
  rows: NihProject[],
): SliceResult<NihProject, NihCursor> {
  const restarts = cursor.restarts + 1;
  if (restarts > NIH_MAX_RESTARTS) {
    throw new FreshetError(
      ErrorCodes.UPSTREAM_UNAVAILABLE,
      `${partitionKey}: the API ignores the appl_id sort, and its results or their order changed while they were paged (now ${total} projects, ${cursor.total} when paging began); it started over ${restarts - 1} times already; run the partition again later`,
      { source: NIH_SOURCE_ID, details: { total, restarts } },
    );
  }
  return {
    records: rows,
    cursor: { order: 'api', offset: 0, total, tail: [], restarts },
    done: false,
    total,
  };
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((id) => set.has(id)) && new Set(a).size === set.size;
}
