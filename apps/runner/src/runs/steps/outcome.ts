import {
  ErrorCodes,
  type PartitionResult,
  type RunPartitionRow,
  type RunStatus,
  type StoredError,
} from '@freshet/core';
import type { ScopeProblem } from '../../planner/scope.js';
import type { Plan } from '../../planner/types.js';
import type { RunTotals } from '../types.js';

export type Outcome = { status: RunStatus; totals: RunTotals; error: StoredError | null };

/**
 * Step 6: what the run came to, from its stored partition rows (and the engine's results when
 * the rows could not be saved). `succeeded` only when nothing failed, was locked or interrupted
 * and every source could list its partitions; deferred partitions do not fail a run — the quota
 * said so, and the next run takes them first.
 *
 * `skipped` counts every partition in scope the run did not work on because it was fresh or
 * leased: the plan's skipped entries (which get no partition row: a run of a fresh fleet of
 * 100,000 partitions stores nothing per partition) and those the engine found complete when it
 * got to them (which do). So the summary's "N skipped" is the plan's "N skipped", plus any
 * partition that became complete meanwhile.
 */
export function outcomeOf(
  rows: readonly RunPartitionRow[],
  results: readonly PartitionResult[],
  plan: Pick<Plan, 'entries' | 'problems'>,
): Outcome {
  const { problems } = plan;
  const totals = totalsOf(rows, results);
  totals.skipped += plannedSkips(plan, rows, results);
  const status: RunStatus =
    problems.length > 0
      ? 'failed'
      : totals.interrupted > 0
        ? 'interrupted'
        : totals.failed > 0 || totals.locked > 0
          ? 'failed'
          : 'succeeded';
  const error = status === 'succeeded' ? null : (failureOf(results) ?? problemsError(problems));
  return { status, totals, error };
}

export function emptyTotals(): RunTotals {
  return {
    complete: 0,
    failed: 0,
    skipped: 0,
    deferred: 0,
    interrupted: 0,
    locked: 0,
    written: 0,
    unchanged: 0,
    notFound: 0,
    apiCalls: 0,
    retries: 0,
  };
}

function totalsOf(rows: readonly RunPartitionRow[], results: readonly PartitionResult[]): RunTotals {
  const totals = emptyTotals();
  for (const row of rows) {
    totals[row.status] += 1;
    totals.written += row.counts.written;
    totals.unchanged += row.counts.unchanged;
    totals.notFound += row.counts.notFound;
    totals.apiCalls += row.counts.apiCalls;
    totals.retries += row.retries;
  }
  // Results not yet saved (a store failure while saving) still count.
  if (rows.length === 0 && results.length > 0) {
    for (const r of results) totals[r.outcome] += 1;
  }
  return totals;
}

/** The plan's skipped entries that have no row (or result) of their own: never worked on. */
function plannedSkips(
  plan: Pick<Plan, 'entries'>,
  rows: readonly RunPartitionRow[],
  results: readonly PartitionResult[],
): number {
  const counted = new Set<string>(rows.map((r) => r.partitionKey));
  if (rows.length === 0) for (const r of results) counted.add(r.partitionKey);
  let skipped = 0;
  for (const entry of plan.entries) {
    if (entry.action === 'skipped' && !counted.has(entry.partitionKey)) skipped += 1;
  }
  return skipped;
}

function failureOf(results: readonly PartitionResult[]): StoredError | null {
  const failed = results.filter((r) => r.outcome === 'failed' || r.outcome === 'locked');
  if (failed.length === 0) return null;
  const first = failed[0]!;
  return {
    code: first.error?.code ?? ErrorCodes.INTERNAL,
    message: `${failed.length} partition(s) failed; first: ${first.partitionKey}: ${first.error?.message ?? 'unknown error'}`,
  };
}

function problemsError(problems: readonly ScopeProblem[]): StoredError | null {
  const first = problems[0];
  if (first === undefined) return null;
  return {
    code: first.code,
    message: problems.map((p) => `source ${p.source} ${p.message}`).join('; '),
  };
}
