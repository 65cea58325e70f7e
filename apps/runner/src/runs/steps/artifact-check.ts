import {
  ErrorCodes,
  isFreshetError,
  recoverStateArtifact,
  type Store,
  validateStateArtifact,
} from '@freshet/core';
import { interruptDeadRuns } from '../dead-runs.js';
import type { Refusal } from '../refusals.js';
import type { RunContext } from './context.js';

/**
 * Step 3, holding the run lock (no other run can be working): settle what dead runs left —
 * their records, a state artifact write they cut short — so a kill never blocks the runs after
 * it; then check the artifact against the store. A mismatch refuses the run.
 */
export async function checkArtifact(ctx: RunContext): Promise<Refusal | null> {
  const { store, clock, logger, runId, config } = ctx;
  await interruptDeadRuns({ store, clock, noticedBy: `run ${runId}`, except: runId, leaselessAfterMs: 0 });
  const recovery = await recoverStateArtifact({
    store,
    path: config.state.path,
    olderThan: ctx.processStartedAt,
  });
  if (recovery.pending === 'confirmed' || recovery.pending === 'rolled-back') {
    logger.warn(
      { runId, pending: recovery.pending },
      `a state artifact write was cut short; ${recovery.pending === 'confirmed' ? 'the file it wrote is now recorded' : 'the previous artifact stays'}`,
    );
  }
  return validateArtifact(store, config.state.path);
}

async function validateArtifact(store: Store, path: string): Promise<Refusal | null> {
  try {
    await validateStateArtifact(store, path);
    return null;
  } catch (err) {
    if (
      isFreshetError(err, ErrorCodes.CHECKPOINT_MISMATCH) ||
      isFreshetError(err, ErrorCodes.STATE_INVALID)
    ) {
      return { code: err.code as Refusal['code'], message: err.message };
    }
    throw err;
  }
}
