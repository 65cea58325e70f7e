import type { RecordChange } from '@freshet/core';

/** One line of `freshet changes` and one item of `/api/runs/:id/changes`: the same shape. */
export interface ChangeLine {
  kind: RecordChange['kind'];
  source: string;
  partition: string;
  key: string;
  revision: number;
  changedFields: RecordChange['changedFields'];
  at: string;
  runId: string | null;
}

export function toChangeLine(change: RecordChange): ChangeLine {
  return {
    kind: change.kind,
    source: change.source,
    partition: change.partitionKey,
    key: change.key,
    revision: change.revision,
    changedFields: change.changedFields,
    at: change.at.toISOString(),
    runId: change.runId,
  };
}
