import { formatMs, table } from '../commands/format.js';
import type { RunSummary } from '../runs/types.js';

export interface SourceSummary {
  source: string;
  complete: number;
  skipped: number;
  failed: number;
  deferred: number;
  interrupted: number;
  written: number;
  unchanged: number;
  notFound: number;
  apiCalls: number;
  retries: number;
  durationMs: number;
}

/**
 * Per source, what the run did: partitions by outcome (skipped ones come from the plan, as the
 * run stores only what it worked on or deferred), records, calls, retries and wall time.
 */
export function summarizeBySource(
  summary: RunSummary,
  sources: readonly string[],
  durations: ReadonlyMap<string, number>,
): SourceSummary[] {
  const rows = new Map<string, SourceSummary>(sources.map((source) => [source, emptyRow(source)]));
  const rowOf = (source: string) => {
    const row = rows.get(source) ?? emptyRow(source);
    rows.set(source, row);
    return row;
  };
  for (const entry of summary.plan?.entries ?? []) {
    if (entry.action === 'skipped') rowOf(entry.source).skipped += 1;
  }
  for (const p of summary.partitions) {
    const row = rowOf(p.partitionKey.slice(0, p.partitionKey.indexOf(':')));
    if (p.status === 'complete') row.complete += 1;
    else if (p.status === 'failed' || p.status === 'locked') row.failed += 1;
    else if (p.status === 'skipped') row.skipped += 1;
    else if (p.status === 'deferred') row.deferred += 1;
    else if (p.status === 'interrupted') row.interrupted += 1;
    row.written += p.counts.written;
    row.unchanged += p.counts.unchanged;
    row.notFound += p.counts.notFound;
    row.apiCalls += p.counts.apiCalls;
    row.retries += p.retries;
  }
  for (const row of rows.values()) row.durationMs = durations.get(row.source) ?? 0;
  return [...rows.values()];
}

const COUNTED = [
  'complete',
  'skipped',
  'failed',
  'deferred',
  'interrupted',
  'written',
  'unchanged',
  'notFound',
  'apiCalls',
  'retries',
] as const;

const HEADER = [
  'source',
  'complete',
  'skipped',
  'failed',
  'written',
  'unchanged',
  'not found',
  'API calls',
  'retries',
  'duration',
];

/** The table that ends a sandbox cycle, with a total row timed as the whole run. */
export function formatSourceSummaries(rows: readonly SourceSummary[], runDurationMs: number): string[] {
  const total: SourceSummary = { ...emptyRow('total'), durationMs: runDurationMs };
  for (const r of rows) {
    for (const key of COUNTED) total[key] += r[key];
  }
  const cells = (r: SourceSummary) => [
    r.source,
    String(r.complete),
    String(r.skipped),
    String(r.failed),
    String(r.written),
    String(r.unchanged),
    String(r.notFound),
    String(r.apiCalls),
    String(r.retries),
    r.durationMs === 0 ? '-' : formatMs(r.durationMs),
  ];
  return table([HEADER, ...rows.map(cells), cells(total)]);
}

function emptyRow(source: string): SourceSummary {
  return {
    source,
    complete: 0,
    skipped: 0,
    failed: 0,
    deferred: 0,
    interrupted: 0,
    written: 0,
    unchanged: 0,
    notFound: 0,
    apiCalls: 0,
    retries: 0,
    durationMs: 0,
  };
}
