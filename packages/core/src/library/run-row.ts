import { hostname } from 'node:os';
import type { PartitionResult } from '../engine/types.js';
import type { Json } from '../json.js';
import type { RunPartitionRow, RunRow, Store } from '../store/types.js';
import type { RunSourceStatus, RunSourceTotals } from './run-source-types.js';

/**
 * The run's row, in the runner's shapes (scope, metadata with the process) so `freshet runs`
 * and the UI show a library run like any other, and a run whose process died is told apart
 * from a live one.
 */
export function startedRunRow(options: {
  runId: string;
  sourceId: string;
  partitions: readonly string[];
  window: string | null;
  force: boolean;
  startedAt: Date;
}): RunRow {
  return {
    id: options.runId,
    runKey: null,
    trigger: 'manual',
    status: 'running',
    scope: {
      sources: [options.sourceId],
      partitions: [...options.partitions],
      window: options.window,
      force: options.force,
    },
    plan: null,
    metadata: { trigger: { via: 'runSource' }, process: { host: hostname(), pid: process.pid } },
    startedAt: options.startedAt,
    finishedAt: null,
    error: null,
  };
}

export async function finishRunRow(
  store: Store,
  run: RunRow,
  outcome: { status: RunSourceStatus; results: PartitionResult[]; totals: RunSourceTotals; finishedAt: Date },
): Promise<void> {
  for (const result of outcome.results) await store.saveRunPartition(runPartitionRow(run.id, result));
  const failed = outcome.results.find((r) => r.outcome === 'failed' && r.error !== null);
  await store.updateRun(run.id, {
    status: outcome.status,
    finishedAt: outcome.finishedAt,
    error: outcome.status === 'failed' && failed?.error ? failed.error : null,
    metadata: {
      ...(run.metadata as Record<string, Json>),
      durationMs: outcome.finishedAt.getTime() - run.startedAt.getTime(),
      sourceTotals: { ...outcome.totals, partitions: { ...outcome.totals.partitions } },
    },
  });
}

function runPartitionRow(runId: string, result: PartitionResult): RunPartitionRow {
  return {
    runId,
    partitionKey: result.partitionKey,
    status: result.outcome,
    counts: result.counts,
    retries: result.retries,
    durationMs: result.durationMs,
    error: result.error,
    slaGapClosed: null,
  };
}
