import { ErrorCodes, FreshetError, type SliceResult } from '@freshet/core';
import type { PatentPage } from './client.js';
import { PATENTSVIEW_SOURCE_ID } from './defaults.js';
import type { PatentsViewCursor, PatentsViewPatent } from './types.js';

/**
 * The slice one page makes. Done on a short page (fewer than asked, or none): sorted on the
 * unique `patent_id`, the API has nothing after it. A page that does not move past `after` in
 * ascending id order means the API is not paging as asked; stop rather than lose or loop.
 */
export function sliceFromPage(
  partitionKey: string,
  page: PatentPage,
  after: string | null,
  pageSize: number,
): SliceResult<PatentsViewPatent, PatentsViewCursor> {
  const records = page.patents;
  let previous = after;
  for (const record of records) {
    if (previous !== null && !(record.patent_id > previous)) {
      throw new FreshetError(
        ErrorCodes.BAD_RESPONSE,
        `${partitionKey}: the API answered patent ${record.patent_id} after ${previous}, out of patent_id order; paging with after would skip or repeat patents`,
        { source: PATENTSVIEW_SOURCE_ID, details: { after, patentId: record.patent_id } },
      );
    }
    previous = record.patent_id;
  }
  const last = records.at(-1)?.patent_id;
  const done = page.count === 0 || records.length < pageSize;
  return {
    records,
    cursor: last !== undefined ? { after: last } : after !== null ? { after } : null,
    done,
    total: page.total_hits,
  };
}
