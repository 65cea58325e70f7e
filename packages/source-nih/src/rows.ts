import type { Logger } from '@freshet/core';
import { NIH_SOURCE_ID } from './defaults.js';
import type { NihProject } from './types.js';

/**
 * A page's rows with each appl_id once (the first kept), and the appl_ids that came again:
 * one slice must never carry two records with one key. `seen` are appl_ids already delivered.
 */
export function uniqueRows(
  rows: readonly NihProject[],
  seen: Iterable<number> = [],
): { rows: NihProject[]; repeated: number[] } {
  const known = new Set(seen);
  const out: NihProject[] = [];
  const repeated: number[] = [];
  for (const row of rows) {
    if (known.has(row.appl_id)) repeated.push(row.appl_id);
    else {
      known.add(row.appl_id);
      out.push(row);
    }
  }
  return { rows: out, repeated };
}

/** `uniqueRows`, saying in the log which appl_ids came again, so none is dropped unseen. */
export function rowsOnce(
  logger: Logger,
  partitionKey: string,
  offset: number,
  rows: readonly NihProject[],
  seen: Iterable<number> = [],
): NihProject[] {
  const { rows: once, repeated } = uniqueRows(rows, seen);
  if (repeated.length > 0) {
    logger.warn(
      { partition: partitionKey, source: NIH_SOURCE_ID, repeated },
      `${partitionKey}: the page at offset ${offset} held appl_id ${repeated.join(', ')} more than once; kept the first`,
    );
  }
  return once;
}
