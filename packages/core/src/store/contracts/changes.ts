import type { Json } from '../../json.js';

/** What a run did to a record. Unchanged records are counted per partition, not listed. */
export type ChangeKind = 'created' | 'changed' | 'gone';

/** Top-level payload fields a change touched, each list sorted. */
export interface ChangedFields {
  added: string[];
  removed: string[];
  modified: string[];
}

/** One entry of the change feed. */
export interface RecordChange {
  /** Position in the feed: grows with every change stored; page with `afterId`. */
  id: number;
  /** The run whose slice made the change; null when records were written outside a run. */
  runId: string | null;
  kind: ChangeKind;
  source: string;
  partitionKey: string;
  key: string;
  /** The record's revision after the change (gone: the revision it was left at). */
  revision: number;
  /** Only for `changed`: which top-level payload fields were added, removed or modified. */
  changedFields: ChangedFields | null;
  at: Date;
}

/**
 * One page of `listChanges`, in feed order (`id`). Filters combine with "and"; a page resumes
 * after the last change of the one before (`afterId`).
 */
export interface ChangePageQuery {
  runId?: string;
  /** Only changes made at or after this time. */
  since?: Date;
  source?: string;
  partitionKey?: string;
  afterId?: number;
  /** Changes per page, 1 to 5000. */
  limit: number;
}

/** An earlier payload of a record, kept after a newer one replaced it. */
export interface RecordRevision {
  source: string;
  key: string;
  revision: number;
  hash: string;
  payload: Json;
  /** When this revision was stored. */
  storedAt: Date;
  /** When the next revision replaced it. */
  replacedAt: Date;
  /** The run that replaced it; null outside a run. */
  replacedByRun: string | null;
}

/** How much history is kept: a revision goes when either limit passes it. */
export interface HistoryRetention {
  /** Earlier revisions kept per record, at least 1 (the diff of the latest change needs it). */
  keepRevisions: number;
  /** Days an earlier revision, and a change in the feed, are kept after they were made. */
  keepDays: number;
}

/** Record revisions and the change feed, both written by `upsertRecords` and `markLedger`. */
export interface ChangeStore {
  /** One page of the change feed; see `readChanges`. */
  listChanges(query: ChangePageQuery): Promise<RecordChange[]>;
  /** The earlier revisions kept of one record, newest first (the current one is `getRecord`). */
  listRevisions(source: string, key: string): Promise<RecordRevision[]>;
  /** Deletes revisions replaced, and changes made, before `before`; says how many of each. */
  pruneHistory(before: Date): Promise<{ revisions: number; changes: number }>;
}
