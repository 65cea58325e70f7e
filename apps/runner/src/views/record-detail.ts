import type { LedgerEntry, RecordRevision, StoredRecord } from '@freshet/core';
import type { ViewProject } from './project.js';
import { diffPayloads, type FieldDiff } from './record-diff.js';

/** What one revision changed from the one before it. */
export interface RevisionStep {
  fromRevision: number;
  toRevision: number;
  /** When `toRevision` replaced `fromRevision`. */
  at: Date;
  runId: string | null;
  fields: FieldDiff[];
}

export interface RecordDetail {
  source: string;
  key: string;
  /** The current payload; null for a key the ledger tracks but that was never stored. */
  record: StoredRecord | null;
  ledger: LedgerEntry | null;
  /** The earlier revisions kept, newest first (how many: the history retention). */
  revisions: RecordRevision[];
  /** Each kept revision to the next one, newest first. */
  steps: RevisionStep[];
}

/** One record, its ledger entry and its kept history; null when the store knows no such key. */
export async function loadRecordDetail(
  project: Pick<ViewProject, 'store'>,
  source: string,
  key: string,
): Promise<RecordDetail | null> {
  const { store } = project;
  const [record, ledger, revisions] = await Promise.all([
    store.getRecord(source, key),
    store.getLedgerEntry(source, key),
    store.listRevisions(source, key),
  ]);
  if (record === null && ledger === null) return null;
  return { source, key, record, ledger, revisions, steps: revisionSteps(record, revisions) };
}

/**
 * Diffs of consecutive revisions: the newest kept one to the current payload, then each older
 * one to the next. Retention drops the oldest first, so the kept ones follow each other.
 */
export function revisionSteps(
  record: StoredRecord | null,
  revisions: readonly RecordRevision[],
): RevisionStep[] {
  const newestFirst = [...revisions].sort((a, b) => b.revision - a.revision);
  const steps: RevisionStep[] = [];
  let next: { revision: number; payload: StoredRecord['payload'] } | null = record;
  for (const earlier of newestFirst) {
    if (next !== null) {
      steps.push({
        fromRevision: earlier.revision,
        toRevision: next.revision,
        at: earlier.replacedAt,
        runId: earlier.replacedByRun,
        fields: diffPayloads(earlier.payload, next.payload),
      });
    }
    next = earlier;
  }
  return steps;
}
