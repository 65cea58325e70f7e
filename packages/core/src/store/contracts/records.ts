import type { Json } from '../../json.js';

export type LedgerStatus = 'success' | 'unchanged' | 'failed' | 'not_found';

/** A record as fetched, ready to store. */
export interface RecordInput {
  key: string;
  /** The payload's JSON text, serialised once by the caller and stored as it is. */
  json: string;
  /** Hash of the payload part that counts for change detection. */
  hash: string;
}

export interface StoredRecord {
  source: string;
  key: string;
  partitionKey: string;
  payload: Json;
  hash: string;
  /** Grows by one each time the payload changes; 1 after the first write. */
  revision: number;
  firstSeenAt: Date;
  updatedAt: Date;
}

/** One record's freshness. */
export interface LedgerEntry {
  source: string;
  key: string;
  partitionKey: string;
  status: LedgerStatus;
  hash: string | null;
  attempts: number;
  lastAttemptAt: Date;
  lastSuccessAt: Date | null;
  error: string | null;
}

export interface UpsertRecordsInput {
  source: string;
  partitionKey: string;
  records: RecordInput[];
  at: Date;
  /** The run writing them, named in the change feed and the revisions it replaces. */
  runId?: string;
  /** Earlier revisions kept per changed record (default 5, at least 1). */
  keepRevisions?: number;
}

export interface UpsertRecordsResult {
  written: number;
  unchanged: number;
  /** Keys whose payload was new or changed. */
  writtenKeys: string[];
}

export interface MarkLedgerInput {
  source: string;
  partitionKey: string;
  keys: string[];
  status: 'failed' | 'not_found';
  at: Date;
  error?: string;
  /** The run marking them; a stored record newly `not_found` is a `gone` change of this run. */
  runId?: string;
}

/** Ledger totals for one partition. */
export interface PartitionRollup {
  partitionKey: string;
  records: number;
  success: number;
  unchanged: number;
  failed: number;
  notFound: number;
  /** Records whose last success is before `staleBefore` (or that never succeeded). */
  stale: number;
  oldestSuccessAt: Date | null;
  lastAttemptAt: Date | null;
}

/** A mark that moves forward with every committed ledger change. */
export interface LedgerWatermark {
  /** Commit sequence number of the latest ledger change (0 for an empty ledger). */
  seq: number;
  /** The latest `lastAttemptAt` in the ledger, or null when empty. */
  at: Date | null;
  entries: number;
}

/**
 * One page of `listRecords`. Filters combine with "and"; records come in (source, key) order,
 * and a page resumes after the last record of the one before (`after`).
 */
export interface RecordPageQuery {
  source?: string;
  partitionKey?: string;
  /** Only these keys (at most 500 per page query). */
  keys?: readonly string[];
  /** Only records whose payload was inserted or changed at or after this time (`updatedAt`). */
  changedSince?: Date;
  /** The last record of the page before, to resume after. */
  after?: { source: string; key: string };
  /** Records per page, 1 to 5000. */
  limit: number;
}

/** Records (with their revisions) and the freshness ledger that tracks every key. */
export interface RecordStore {
  /**
   * Inserts new records, rewrites changed ones (keeping the replaced revision), and updates the
   * ledger of all of them; new and changed records enter the change feed. Of keys
   * repeated in one call, the last copy counts. A record's partition follows its latest ledger write.
   */
  upsertRecords(input: UpsertRecordsInput): Promise<UpsertRecordsResult>;
  /** Ledger-only update for records that failed or that the API does not know. */
  markLedger(input: MarkLedgerInput): Promise<void>;
  getRecord(source: string, key: string): Promise<StoredRecord | null>;
  getLedgerEntry(source: string, key: string): Promise<LedgerEntry | null>;
  countRecords(filter?: { source?: string; partitionKey?: string }): Promise<number>;
  /** One page of stored records (keys only in the ledger are no records); see `readRecords`. */
  listRecords(query: RecordPageQuery): Promise<StoredRecord[]>;
  /** Streams record keys of a source, optionally a field of their payload instead of the key. */
  recordKeys(source: string, payloadField?: string): AsyncIterable<string>;
  /** Ledger totals per partition; `staleBefore` decides which records count as stale. */
  ledgerRollup(options: {
    staleBefore: Date;
    source?: string;
    partitionKeys?: string[];
  }): Promise<PartitionRollup[]>;
  /** Stale-record counts per partition, for the SLA gap listing: one query per source. */
  staleCounts(source: string, staleBefore: Date): Promise<Map<string, number>>;
  ledgerWatermark(): Promise<LedgerWatermark>;
}
