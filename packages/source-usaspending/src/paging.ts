import { ErrorCodes, FreshetError, type Json, type SliceResult } from '@freshet/core';
import { z } from 'zod';
import { AWARD_TYPE_GROUPS, type AwardTypeGroup } from './award-types.js';
import type { SearchResponse } from './client.js';
import { USASPENDING_MAX_RESULT_WINDOW, USASPENDING_SEARCH_PATH, USASPENDING_SOURCE_ID } from './defaults.js';
import type { UsaspendingAward, UsaspendingCursor } from './types.js';

const cursorSchema = z.strictObject({
  groupIndex: z.number().int().nonnegative(),
  group: z.enum(AWARD_TYPE_GROUPS),
  page: z.number().int().positive(),
  after: z.strictObject({ id: z.number().int(), sort: z.string() }).nullable(),
});

/**
 * Where a slice starts: the first group's first page for a new partition, else the checkpoint's
 * cursor, which must name the group at its index (a checkpoint made with other
 * `awardTypeGroups` cannot be resumed).
 */
export function startPosition(
  partitionKey: string,
  cursor: Json | null,
  groups: readonly AwardTypeGroup[],
): UsaspendingCursor {
  if (cursor === null) return { groupIndex: 0, group: groups[0] as AwardTypeGroup, page: 1, after: null };
  const parsed = cursorSchema.safeParse(cursor);
  const problem = !parsed.success
    ? `its cursor ${JSON.stringify(cursor)} is not one this adapter writes`
    : groups[parsed.data.groupIndex] !== parsed.data.group
      ? `its cursor is in award type group ${parsed.data.group} (number ${parsed.data.groupIndex + 1}), but option awardTypeGroups is now [${groups.join(', ')}]`
      : undefined;
  if (problem !== undefined || !parsed.success) {
    throw new FreshetError(
      ErrorCodes.CHECKPOINT_MISMATCH,
      `${partitionKey} cannot resume: ${problem}; reset the partition's checkpoint to start it over`,
      { source: USASPENDING_SOURCE_ID, details: { cursor } },
    );
  }
  return parsed.data;
}

/**
 * Turns one page into the slice's records and the next cursor. While a group has more, the
 * next request carries the page's last row as search_after (no 50,000-row window, no offsets
 * that shift when awards come and go); when it has no more, the next group starts; after the
 * last group the partition is done.
 */
export function sliceFromPage(
  partitionKey: string,
  position: UsaspendingCursor,
  groups: readonly AwardTypeGroup[],
  limit: number,
  page: SearchResponse,
): SliceResult<UsaspendingAward, UsaspendingCursor> {
  const records = page.results;
  const meta = page.page_metadata;
  if (!meta.hasNext) {
    const nextIndex = position.groupIndex + 1;
    const next = groups[nextIndex];
    if (next === undefined) return { records, cursor: null, done: true };
    return { records, cursor: { groupIndex: nextIndex, group: next, page: 1, after: null }, done: false };
  }

  if (records.length === 0) {
    throw drift(`page ${position.page} of ${position.group} says hasNext but holds no rows`, 'results');
  }
  const id = meta.last_record_unique_id;
  const sort = meta.last_record_sort_value;
  if (id !== null && id !== undefined && sort !== null && sort !== undefined && sort !== 'None') {
    if (position.after && position.after.id === id && position.after.sort === sort) {
      throw drift(`search_after did not move past internal_id ${id}`, 'page_metadata.last_record_unique_id');
    }
    return { records, cursor: { ...position, page: position.page + 1, after: { id, sort } }, done: false };
  }
  if (position.after !== null) {
    throw drift(
      'a search_after page has more rows but no cursor fields',
      'page_metadata.last_record_unique_id',
    );
  }
  // No cursor fields on a numbered page: go on by page number while the window allows.
  if (position.page * limit >= USASPENDING_MAX_RESULT_WINDOW) {
    throw new FreshetError(
      ErrorCodes.COHORT_TOO_LARGE,
      `${partitionKey}: ${position.group} has more than ${USASPENDING_MAX_RESULT_WINDOW.toLocaleString('en-US')} awards and the API gave no search_after cursor to page past them; narrow the cohort (options keywords, agencies, programNumbers, recipientSearchText or fewer awardTypeGroups)`,
      { source: USASPENDING_SOURCE_ID, details: { group: position.group, page: position.page, limit } },
    );
  }
  return { records, cursor: { ...position, page: position.page + 1, after: null }, done: false };
}

function drift(message: string, field: string): FreshetError {
  return new FreshetError(
    ErrorCodes.SCHEMA_DRIFT,
    `POST ${USASPENDING_SEARCH_PATH} answered a page this adapter cannot trust: ${message}. The API may have changed; upgrade the source package or report the change`,
    { source: USASPENDING_SOURCE_ID, details: { fields: [field] } },
  );
}
