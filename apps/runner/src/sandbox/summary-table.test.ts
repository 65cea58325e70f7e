import type { RunPartitionRow } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanEntry } from '../planner/types.js';
import type { RunSummary } from '../runs/types.js';
import { formatSourceSummaries, summarizeBySource } from './summary-table.js';

const entry = (partitionKey: string, action: PlanEntry['action']) =>
  ({ partitionKey, source: partitionKey.split(':')[0], action }) as PlanEntry;
const row = (partitionKey: string, status: RunPartitionRow['status'], written: number, unchanged: number) =>
  ({
    partitionKey,
    status,
    counts: { slices: 2, written, unchanged, failed: 0, notFound: 1, apiCalls: 3 },
    retries: 1,
    durationMs: 500,
  }) as RunPartitionRow;

const summary = {
  plan: {
    entries: [
      entry('usaspending:award_year_2024', 'run'),
      entry('usaspending:award_year_2025', 'run'),
      entry('nih:project_week_2025-W02', 'skipped'),
      entry('nih:project_week_2025-W03', 'skipped'),
    ],
  } as Plan,
  partitions: [
    row('usaspending:award_year_2024', 'complete', 3, 47),
    row('usaspending:award_year_2025', 'failed', 0, 10),
  ],
} as RunSummary;

describe('the per-source summary', () => {
  it('counts partitions by outcome (skipped ones from the plan), records, calls and retries per source', () => {
    const rows = summarizeBySource(
      summary,
      ['usaspending', 'sam_gov', 'nih'],
      new Map([['usaspending', 1200]]),
    );
    expect(rows).toEqual([
      {
        source: 'usaspending',
        complete: 1,
        skipped: 0,
        failed: 1,
        deferred: 0,
        interrupted: 0,
        written: 3,
        unchanged: 57,
        notFound: 2,
        apiCalls: 6,
        retries: 2,
        durationMs: 1200,
      },
      expect.objectContaining({ source: 'sam_gov', complete: 0, skipped: 0 }),
      expect.objectContaining({ source: 'nih', skipped: 2, apiCalls: 0, durationMs: 0 }),
    ]);
  });

  it('prints a table with a header and a total row timed as the whole run', () => {
    const lines = formatSourceSummaries(summarizeBySource(summary, ['usaspending', 'nih'], new Map()), 1500);
    expect(lines[0]).toMatch(
      /^ {2}source +complete +skipped +failed +written +unchanged +not found +API calls +retries +duration$/,
    );
    expect(lines[1]).toMatch(/^ {2}usaspending +1 +0 +1 +3 +57 +2 +6 +2 +-$/);
    expect(lines[2]).toMatch(/^ {2}nih +0 +2 +0 +0 +0 +0 +0 +0 +-$/);
    expect(lines[3]).toMatch(/^ {2}total +1 +2 +1 +3 +57 +2 +6 +2 +1\.5 s$/);
  });
});
