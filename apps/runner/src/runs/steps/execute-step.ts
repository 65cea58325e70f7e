import type { Plan } from '../../planner/types.js';
import type { RunLock } from '../run-lock.js';
import type { RunContext } from './context.js';
import { type EntriesExecution, executeEntries } from './execute-entries.js';
import { saveDeferred } from './record-partitions.js';

export type Execution = EntriesExecution;

/**
 * Step 5: the plan's `run` entries through the engine, each partition leased to the run, each
 * one's result stored as it ends with the SLA gap it closed; then the deferred entries.
 */
export async function executePlan(ctx: RunContext, runPlan: Plan, lock: RunLock): Promise<Execution> {
  const toRun = runPlan.entries.filter((e) => e.action === 'run');
  const execution = await executeEntries(ctx, toRun, {
    holder: ctx.runId,
    keepAlive: () => lock.keepAlive(),
  });
  for (const entry of runPlan.entries.filter((e) => e.action === 'deferred')) {
    await saveDeferred(ctx.store, ctx.runId, entry);
  }
  return execution;
}
