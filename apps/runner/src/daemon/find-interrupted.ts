import type { RunRow, Store } from '@freshet/core';
import { runLockHolder } from '../runs/run-lock.js';

/**
 * The store's latest run when it did not finish: stopped by a signal (`interrupted`), or left
 * `running` by a process that died (no one holds the run lock). Refused runs are skipped:
 * they did no work. Null when the latest run finished.
 */
export async function findInterruptedRun(store: Store, now: Date): Promise<RunRow | null> {
  const runs = await store.listRuns({ limit: 50 });
  const latest = runs.find((run) => run.status !== 'refused');
  if (latest === undefined) return null;
  if (latest.status === 'interrupted') return latest;
  if (latest.status === 'running' && (await runLockHolder(store, now)) === null) return latest;
  return null;
}

/** One resume per interrupted run, whichever daemon start notices it. */
export function resumeRunKey(runId: string): string {
  return `resume:${runId}`;
}
