import type { LedgerStatus } from '@freshet/core';
import type { ViewProject } from './project.js';

export interface PartitionRecordRow {
  key: string;
  partitionKey: string;
  revision: number;
  updatedAt: Date;
  /** The freshness ledger's word on it; null if the ledger lost track (it should not). */
  status: LedgerStatus | null;
  lastAttemptAt: Date | null;
}

export interface RecordsPage {
  source: string;
  partitionKey: string | null;
  records: PartitionRecordRow[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
}

export const RECORDS_PAGE_DEFAULT = 100;
export const RECORDS_PAGE_MAX = 500;

/**
 * One page of a source's stored records in key order, optionally of one partition: a keyset
 * page (after the last key of the page before), so the thousandth page costs what the first does.
 */
export async function loadRecordsPage(
  project: Pick<ViewProject, 'store'>,
  query: { source: string; partitionKey?: string; after?: string; limit: number },
): Promise<RecordsPage> {
  const { store } = project;
  const records = await store.listRecords({
    source: query.source,
    ...(query.partitionKey === undefined ? {} : { partitionKey: query.partitionKey }),
    ...(query.after === undefined ? {} : { after: { source: query.source, key: query.after } }),
    limit: query.limit,
  });
  // The ledger is one row per key beside the record: a page is at most RECORDS_PAGE_MAX lookups.
  const ledger = await Promise.all(records.map((r) => store.getLedgerEntry(r.source, r.key)));
  // A full page may have more after it; a short one is the last.
  const last = records.length === query.limit ? records.at(-1) : undefined;
  return {
    source: query.source,
    partitionKey: query.partitionKey ?? null,
    records: records.map((r, i) => ({
      key: r.key,
      partitionKey: r.partitionKey,
      revision: r.revision,
      updatedAt: r.updatedAt,
      status: ledger[i]?.status ?? null,
      lastAttemptAt: ledger[i]?.lastAttemptAt ?? null,
    })),
    nextAfter: last?.key ?? null,
  };
}
