import { type Clock, ErrorCodes, type RunRow, type Store } from '@freshet/core';
import { runProcessState } from './run-lock.js';

export interface InterruptDeadRunsOptions {
  store: Store;
  clock: Clock;
  /** Who noticed (a run id, or the daemon), for the reason recorded on each run. */
  noticedBy: string;
  /** Never touched: the caller's own run. */
  except?: string;
  /**
   * A run whose process this host cannot see (another host's) counts as dead once it holds no
   * live lease and started longer ago than this: its leases expired. 0 when the caller holds
   * the run lock (no other run can be working). Without it, only dead local processes count.
   */
  leaselessAfterMs?: number;
}

/**
 * Runs still `running` whose process is gone: on this host, a pid that no longer exists;
 * elsewhere, no live lease (run lock or partition) and older than `leaselessAfterMs`. Each is
 * marked `interrupted` with the reason, and the leases of dead local processes are freed.
 * Returns the runs it marked.
 */
export async function interruptDeadRuns(options: InterruptDeadRunsOptions): Promise<RunRow[]> {
  const { store, clock } = options;
  const now = clock.now();
  const running = (await store.listRuns({ status: 'running' })).filter((r) => r.id !== options.except);
  if (running.length === 0) return [];
  const leases = await store.listLeases(now);
  const marked: RunRow[] = [];
  for (const run of running) {
    const state = runProcessState(run);
    const local = state === 'dead';
    const leaseless =
      state === 'unknown' &&
      options.leaselessAfterMs !== undefined &&
      !leases.some((l) => l.holder === run.id) &&
      now.getTime() - run.startedAt.getTime() >= options.leaselessAfterMs;
    if (!local && !leaseless) continue;
    if (local) {
      for (const lease of leases.filter((l) => l.holder === run.id)) {
        await store.releaseLease(lease.partitionKey, run.id);
      }
    }
    const error = {
      code: ErrorCodes.ABORTED,
      message: `${local ? `its process (${describeProcess(run)}) is gone` : 'it has held no lease since its lease expired'}: it stopped before the run finished (noticed by ${options.noticedBy}); its partitions resume from their checkpoints`,
    };
    await store.updateRun(run.id, { status: 'interrupted', finishedAt: now, error });
    marked.push({ ...run, status: 'interrupted', finishedAt: now, error });
  }
  return marked;
}

function describeProcess(run: RunRow): string {
  const owner = (run.metadata as { process?: { host?: string; pid?: number } } | null)?.process;
  return owner ? `pid ${owner.pid} on ${owner.host}` : 'unknown';
}
