import type { PartitionResult } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import type { Plan, PlanEntry } from '../planner/types.js';
import type { RunEvent } from '../runs/types.js';
import { Printer } from './io.js';
import { createSourceProgress } from './source-progress.js';

function printer(tty: boolean) {
  const out = { stdout: '', stderr: '' };
  const print = new Printer(
    {
      stdout: { write: (t: string) => (out.stdout += t), isTTY: tty },
      stderr: { write: (t: string) => (out.stderr += t), isTTY: tty, columns: 120 },
    },
    [],
  );
  return { print, out };
}

const keys = ['nih:project_week_2025-W02', 'nih:project_week_2025-W03', 'usaspending:award_year_2025'];
const plan = {
  entries: keys.map(
    (partitionKey) => ({ partitionKey, source: partitionKey.split(':')[0], action: 'run' }) as PlanEntry,
  ),
} as Plan;
const counts = (apiCalls: number) => ({
  slices: apiCalls,
  written: 10,
  unchanged: 0,
  failed: 0,
  notFound: 0,
  apiCalls,
});
const result = (partitionKey: string, outcome: PartitionResult['outcome'] = 'complete'): PartitionResult => ({
  partitionKey,
  source: partitionKey.split(':')[0]!,
  outcome,
  counts: counts(4),
  retries: 0,
  durationMs: 120,
  error: outcome === 'failed' ? { code: 'UPSTREAM_UNAVAILABLE', message: '503 three times' } : null,
  resumed: false,
});
const events: RunEvent[] = [
  { type: 'plan', runId: 'r', plan },
  {
    type: 'executor',
    runId: 'r',
    event: { type: 'partition-start', partitionKey: keys[0]!, resumed: false, attempt: 1 },
  },
  {
    type: 'executor',
    runId: 'r',
    event: { type: 'slice', partitionKey: keys[0]!, slice: 1, counts: counts(1) },
  },
  { type: 'executor', runId: 'r', event: { type: 'partition-end', result: result(keys[0]!) } },
  { type: 'executor', runId: 'r', event: { type: 'partition-end', result: result(keys[2]!, 'failed') } },
];

describe('per-source progress', () => {
  it('draws one bar per source on a terminal, on stderr, and logs what did not complete', () => {
    const { print, out } = printer(true);
    const progress = createSourceProgress(print);
    for (const event of events) progress.onEvent(event);
    progress.stop();
    expect(out.stderr).toMatch(/nih +\S+ 1\/2 partitions \| 4 calls/);
    expect(out.stderr).toMatch(/usaspending +\S+ 1\/1 partitions \| 4 calls/);
    expect(out.stderr).toContain('FAILED   usaspending:award_year_2025  503 three times');
    expect(out.stdout).toBe('');
  });

  it('prints a plain line per finished partition otherwise, on stdout', () => {
    const { print, out } = printer(false);
    const progress = createSourceProgress(print);
    for (const event of events) progress.onEvent(event);
    progress.stop();
    expect(out.stdout.split('\n').filter(Boolean)).toEqual([
      '  done     nih:project_week_2025-W02  4 slices, 10 written, 0 unchanged, 4 calls, 120 ms',
      '  FAILED   usaspending:award_year_2025  503 three times (4 slices, 10 written, 0 unchanged, 4 calls; its cursor is kept)',
    ]);
    expect(out.stderr).toBe('');
  });
});
