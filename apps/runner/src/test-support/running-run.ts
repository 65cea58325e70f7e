import { spawnSync } from 'node:child_process';
import type { Store } from '@freshet/core';

/** The pid of a process that has exited. */
export const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

/** A run row left `running`, as a process that was killed leaves it; `holder` is its process. */
export async function addRunningRun(
  store: Store,
  id: string,
  holder: { host: string; pid: number } | null,
  startedAt: Date,
): Promise<void> {
  await store.createRun({
    id,
    runKey: null,
    trigger: 'manual',
    status: 'running',
    scope: {},
    plan: null,
    metadata: holder ? { process: holder } : {},
    startedAt,
    finishedAt: null,
    error: null,
  });
}
