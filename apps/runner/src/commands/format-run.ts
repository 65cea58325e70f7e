import type { RunPartitionRow, RunRow } from '@freshet/core';
import type { SlaGapClosed } from '../runs/sla-gap-closed.js';
import type { RunSummary } from '../runs/types.js';
import { describeTotals } from '../views/format.js';
import { formatMs, formatTime, plural, table } from './format.js';
import type { Printer } from './io.js';

export { describeTotals };

export function printSlaGapsClosed(print: Printer, gaps: readonly SlaGapClosed[]): void {
  if (gaps.length === 0) return;
  print.out(`SLA gaps closed (${gaps.length}):`);
  for (const line of table(
    gaps.map((g) => [
      g.partitionKey,
      g.reason === 'never_run' ? 'never run' : `breached since ${formatTime(g.breachedSince)}`,
      `stale records ${g.staleRecordsBefore} -> ${g.staleRecordsAfter}`,
    ]),
  )) {
    print.out(line);
  }
}

export function printPartitionRows(print: Printer, rows: readonly RunPartitionRow[]): void {
  for (const line of table(
    rows.map((r) => [
      r.partitionKey,
      r.status,
      `${r.counts.slices} slices`,
      `${r.counts.written} written`,
      `${r.counts.unchanged} unchanged`,
      `${r.counts.apiCalls} calls`,
      plural(r.retries, 'retry', 'retries'),
      formatMs(r.durationMs),
      r.error ? `${r.error.code}: ${r.error.message}` : '',
    ]),
  )) {
    print.out(line);
  }
}

/** The human report of a finished `freshet run`. */
export function printRunSummary(print: Printer, summary: RunSummary): void {
  if (summary.status === 'duplicate') {
    print.out(`run key ${summary.runKey} started a run already; nothing to do`);
    return;
  }
  if (summary.status === 'refused') {
    print.err(`run ${summary.runId} refused: ${summary.refusal?.message ?? summary.error?.message ?? ''}`);
    return;
  }
  if (summary.pauseOverride) {
    print.out(
      `note: ran although the sensor is paused (${summary.pauseOverride.reason}); the run records this`,
    );
  }
  print.out(`run ${summary.runId} ${summary.status} in ${formatMs(summary.durationMs)}`);
  print.out(`  ${describeTotals(summary.totals)}`);
  const failed = summary.partitions.filter((p) => p.status === 'failed' || p.status === 'locked');
  if (failed.length > 0) {
    print.out(`failed partitions (${failed.length}); a new run resumes them from their cursors:`);
    for (const line of table(failed.map((p) => [p.partitionKey, `${p.error?.code}: ${p.error?.message}`]))) {
      print.out(line);
    }
  }
  const deferred = summary.partitions.filter((p) => p.status === 'deferred');
  if (deferred.length > 0) {
    print.out(`deferred to a later day (daily quota): ${deferred.map((p) => p.partitionKey).join(', ')}`);
  }
  printSlaGapsClosed(print, summary.slaGapsClosed);
  if (summary.artifact) print.out(`state artifact written: ${summary.artifact.path}`);
  else if (summary.status !== 'succeeded') print.out('state artifact not written (the run did not succeed)');
  if (summary.status === 'failed' && failed.length === 0 && summary.error) {
    print.err(`error: ${summary.error.code}: ${summary.error.message}`);
  }
}

export function describeRunRow(run: RunRow): string[] {
  return [
    run.id,
    run.trigger,
    run.status,
    formatTime(run.startedAt),
    run.finishedAt ? formatMs(run.finishedAt.getTime() - run.startedAt.getTime()) : 'running',
    run.error ? `${run.error.code}: ${run.error.message}` : '',
  ];
}
