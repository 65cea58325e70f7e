import { ErrorCodes, FreshetError, type Logger, type SliceResult, silentLogger } from '@freshet/core';
import { z } from 'zod';
import { sliceInApiOrder, warnSortIgnored } from './api-order.js';
import type { SearchResponse } from './client.js';
import { NIH_API_ORDER_OVERLAP, NIH_MAX_OFFSET, NIH_MAX_RESTARTS, NIH_SOURCE_ID } from './defaults.js';
import { rowsOnce } from './rows.js';
import type { NihApiOrderCursor, NihCursor, NihProject, NihSortedCursor } from './types.js';

const count = z.number().int().nonnegative();
const cursorSchema = z.union([
  z.strictObject({ offset: count, total: count, lastApplId: count, restarts: count }),
  z.strictObject({
    order: z.literal('api'),
    offset: count,
    total: count,
    tail: z.array(count).max(NIH_API_ORDER_OVERLAP),
    restarts: count,
  }),
]);

/** A stored cursor checked before use: one from elsewhere would page from a wrong place. */
export function readCursor(partitionKey: string, cursor: unknown): NihCursor | null {
  if (cursor === null || cursor === undefined) return null;
  const parsed = cursorSchema.safeParse(cursor);
  if (parsed.success) return parsed.data;
  throw new FreshetError(
    ErrorCodes.CHECKPOINT_MISMATCH,
    `${partitionKey} has the cursor ${JSON.stringify(cursor)}, which is not this source's ({ offset, total, lastApplId, restarts } or { order: "api", offset, total, tail, restarts }); reset the partition's checkpoint to start it over`,
    { source: NIH_SOURCE_ID },
  );
}

/** The request for the next slice: `skip` leading results were seen on the page before. */
export interface PagePlan {
  offset: number;
  limit: number;
  skip: number;
}

/**
 * Every page after the first starts early: one project in appl_id order, the cursor's `tail`
 * in the API's own order. Those projects must be the ones the last page ended with, or the
 * result set changed underneath (a project added or dropped before the cursor shifts every
 * offset, and offset paging would skip or repeat one). Past the offset wall the page starts at
 * 14,999 and skips what was already seen, so one search reaches 14,999 + limit projects.
 */
export function planPage(cursor: NihCursor | null, limit: number): PagePlan {
  const position = cursor?.offset ?? 0;
  if (position === 0) return { offset: 0, limit, skip: 0 };
  const overlap = cursor !== null && 'order' in cursor ? cursor.tail.length : 1;
  const offset = Math.min(position - overlap, NIH_MAX_OFFSET);
  return { offset, limit, skip: position - offset };
}

/** The most projects one criteria set can be paged through with this limit. */
export function reachableTotal(limit: number): number {
  return NIH_MAX_OFFSET + limit;
}

/**
 * Turns one page into the slice's records and the next cursor, checking the page first. A page
 * out of appl_id order means the API ignored the sort: the week is paged in the API's own order
 * from then on (`api-order.ts`), with one warning.
 */
export function sliceFromPage(
  partitionKey: string,
  cursor: NihCursor | null,
  plan: PagePlan,
  page: SearchResponse,
  logger: Logger = silentLogger,
): SliceResult<NihProject, NihCursor> {
  const { total, offset } = page.meta;
  const results = page.results;
  if (total > reachableTotal(plan.limit)) throw cohortTooLarge(partitionKey, total, plan.limit);
  if (offset !== plan.offset) {
    throw drift(`meta.offset is ${offset} though offset ${plan.offset} was asked for`, 'meta.offset');
  }
  if (cursor !== null && 'order' in cursor) return sliceInApiOrder(partitionKey, cursor, plan, page, logger);

  const unordered = results.findIndex((r, k) => k > 0 && r.appl_id <= results[k - 1]!.appl_id);
  if (unordered > 0) {
    warnSortIgnored(logger, partitionKey, results, unordered);
    const restarts = cursor?.restarts ?? 0;
    const apiOrder: NihApiOrderCursor = { order: 'api', offset: 0, total, tail: [], restarts };
    if (plan.offset === 0) return sliceInApiOrder(partitionKey, apiOrder, plan, page, logger);
    // The pages before were read in another order: start the week over in the API's.
    return { records: rowsOnce(logger, partitionKey, offset, results), cursor: apiOrder, done: false, total };
  }
  return sliceInApplIdOrder(partitionKey, cursor, plan, page);
}

function sliceInApplIdOrder(
  partitionKey: string,
  cursor: NihSortedCursor | null,
  plan: PagePlan,
  page: SearchResponse,
): SliceResult<NihProject, NihCursor> {
  const { total } = page.meta;
  const results = page.results;
  if (total === 0) return { records: [], cursor: null, done: true, total };

  const fresh = results.slice(plan.skip);
  const next = plan.offset + results.length;
  const done = next >= total;
  const emptyTooSoon = !done && fresh.length === 0;
  const changed =
    cursor !== null &&
    (total !== cursor.total || (plan.skip > 0 && results[plan.skip - 1]?.appl_id !== cursor.lastApplId));
  if (changed || emptyTooSoon) return restart(partitionKey, cursor, total, results);

  const last = fresh.at(-1);
  return {
    records: fresh,
    cursor: {
      offset: next,
      total,
      lastApplId: last?.appl_id ?? 0,
      restarts: cursor?.restarts ?? 0,
    },
    done,
    total,
  };
}

/**
 * The result set changed while it was paged: start the partition over from offset 0. This
 * page's projects are current members of the cohort, so they are kept; what was committed
 * before is upserted again unchanged.
 */
function restart(
  partitionKey: string,
  cursor: NihSortedCursor | null,
  total: number,
  results: NihProject[],
): SliceResult<NihProject, NihCursor> {
  const restarts = (cursor?.restarts ?? 0) + 1;
  if (restarts > NIH_MAX_RESTARTS) {
    throw new FreshetError(
      ErrorCodes.UPSTREAM_UNAVAILABLE,
      `${partitionKey}: the API's results changed while they were paged (now ${total} projects, ${cursor?.total ?? 'unknown'} when paging began); it started over ${restarts - 1} times already; run the partition again later`,
      { source: NIH_SOURCE_ID, details: { total, restarts } },
    );
  }
  return { records: results, cursor: { offset: 0, total, lastApplId: 0, restarts }, done: false, total };
}

export function cohortTooLarge(partitionKey: string, total: number, limit: number): FreshetError {
  const reachable = reachableTotal(limit);
  return new FreshetError(
    ErrorCodes.COHORT_TOO_LARGE,
    `${partitionKey} matches ${total.toLocaleString('en-US')} projects, but one search can be paged through only ${reachable.toLocaleString('en-US')} deep (offset at most 14,999, limit ${limit}); narrow the cohort: fewer activity codes (option activityCodes) or an agencies / fiscalYears filter`,
    { source: NIH_SOURCE_ID, details: { total, reachable, limit } },
  );
}

function drift(message: string, field: string): FreshetError {
  return new FreshetError(
    ErrorCodes.SCHEMA_DRIFT,
    `POST /v2/projects/search answered a page this adapter cannot trust: ${message}. The API may have changed; upgrade the source package or report the change`,
    { source: NIH_SOURCE_ID, details: { fields: [field] } },
  );
}
