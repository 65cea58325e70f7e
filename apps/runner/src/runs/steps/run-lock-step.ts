import { type Refusal, RefusalCodes } from '../refusals.js';
import { acquireRunLock, type RunLock, releaseDeadHolder, runLockHolder } from '../run-lock.js';
import type { RunContext } from './context.js';

/**
 * Step 2: the run lock. Runs share one state artifact and one daily quota count, so they take
 * turns; a lock left by a dead process on this host is freed at once.
 */
export async function takeRunLock(ctx: RunContext): Promise<{ lock: RunLock } | { refusal: Refusal }> {
  const { store, clock, runId } = ctx;
  const ttlMs = ctx.config.run.leaseTtlSeconds * 1000;
  let lock = await acquireRunLock({ store, runId, ttlMs, clock });
  if (lock === null && (await releaseDeadHolder(store, clock.now()))) {
    lock = await acquireRunLock({ store, runId, ttlMs, clock });
  }
  if (lock !== null) return { lock };
  const holder = (await runLockHolder(store, clock.now())) ?? 'another run';
  return {
    refusal: {
      code: RefusalCodes.RUN_IN_PROGRESS,
      message: `run ${holder} is still going on this store; wait for it (freshet runs show ${holder}) and try again`,
    },
  };
}
