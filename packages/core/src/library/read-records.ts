import { ErrorCodes, FreshetError } from '../errors.js';
import { RECORD_PAGE_MAX_KEYS, RECORD_PAGE_MAX_LIMIT } from '../store/record-page.js';
import type { RecordPageQuery, Store, StoredRecord } from '../store/types.js';

export interface ReadRecordsQuery {
  /** Records of this source (`nih`). */
  source?: string;
  /** Records of this partition (`nih:project_week_2025-W12`); implies its source. */
  partition?: string;
  /** Only this key, or these keys. */
  key?: string | readonly string[];
  /**
   * Only records whose payload was inserted or changed at or after this time, or since this run
   * started (`{ runId }`: that run's own changes and any made later).
   */
  changedSince?: Date | { runId: string };
  /** Records fetched from the store at a time. Default 500. */
  pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 500;

/**
 * The stored records that match `query`, in (source, key) order, fetched a page at a time so a
 * million records never sit in memory at once. Keys the ledger knows but that have no payload
 * (never found, only failed) are not records and are not yielded.
 */
export async function* readRecords(
  store: Pick<Store, 'listRecords' | 'getRun'>,
  query: ReadRecordsQuery = {},
): AsyncGenerator<StoredRecord, void, undefined> {
  const pageSize = checkPageSize(query.pageSize);
  const base: Omit<RecordPageQuery, 'limit' | 'keys' | 'after'> = {
    ...sourceAndPartition(query),
    ...(query.changedSince === undefined
      ? {}
      : { changedSince: await changeTime(store, query.changedSince) }),
  };
  const keys = query.key === undefined ? undefined : [...new Set(asArray(query.key))].sort();
  // A long key list is asked for in groups, each small enough for one statement.
  const keyGroups: Array<readonly string[] | undefined> = keys === undefined ? [undefined] : groups(keys);
  for (const group of keyGroups) {
    let after: RecordPageQuery['after'];
    for (;;) {
      const page = await store.listRecords({
        ...base,
        ...(group === undefined ? {} : { keys: group }),
        ...(after === undefined ? {} : { after }),
        limit: pageSize,
      });
      yield* page;
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) break;
      after = { source: last.source, key: last.key };
    }
  }
}

function sourceAndPartition(query: ReadRecordsQuery): Pick<RecordPageQuery, 'source' | 'partitionKey'> {
  if (query.partition === undefined) return query.source === undefined ? {} : { source: query.source };
  const colon = query.partition.indexOf(':');
  if (colon <= 0) {
    throw invalid(
      `partition ${JSON.stringify(query.partition)} is not a partition key; it looks like source:cohort, e.g. nih:project_week_2025-W12`,
    );
  }
  // Every partition key starts with its source: naming it lets the store search one source.
  const source = query.partition.slice(0, colon);
  if (query.source !== undefined && query.source !== source) {
    throw invalid(
      `partition ${query.partition} belongs to source ${source}, not ${query.source}; drop source or name a partition of ${query.source}`,
    );
  }
  return { source, partitionKey: query.partition };
}

async function changeTime(store: Pick<Store, 'getRun'>, since: Date | { runId: string }): Promise<Date> {
  if (since instanceof Date) {
    if (Number.isNaN(since.getTime())) throw invalid('changedSince is an invalid Date');
    return since;
  }
  if (typeof since?.runId !== 'string') {
    throw invalid('changedSince must be a Date or { runId }, the runId of a run such as runSource returns');
  }
  const run = await store.getRun(since.runId);
  if (run === null) {
    throw invalid(
      `changedSince names run ${JSON.stringify(since.runId)}, which this store does not hold; use the runId runSource returned, or one \`freshet runs\` lists`,
    );
  }
  return run.startedAt;
}

function checkPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > RECORD_PAGE_MAX_LIMIT) {
    throw invalid(`pageSize must be a whole number from 1 to ${RECORD_PAGE_MAX_LIMIT}; got ${pageSize}`);
  }
  return pageSize;
}

function asArray(key: string | readonly string[]): readonly string[] {
  return typeof key === 'string' ? [key] : key;
}

function groups(keys: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < keys.length; i += RECORD_PAGE_MAX_KEYS)
    out.push(keys.slice(i, i + RECORD_PAGE_MAX_KEYS));
  return out;
}

function invalid(message: string): FreshetError {
  return new FreshetError(ErrorCodes.CONFIG_INVALID, `readRecords: ${message}`);
}
