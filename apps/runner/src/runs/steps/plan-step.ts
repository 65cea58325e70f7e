import { plan } from '../../planner/plan.js';
import type { Plan } from '../../planner/types.js';
import type { RunContext } from './context.js';

/** Step 4: the plan, stored on the run before any partition starts. */
export async function planRun(ctx: RunContext): Promise<Plan> {
  const { store, config, clock, runId } = ctx;
  const runPlan = await plan({
    store,
    sources: config.sources,
    scope: ctx.options.scope,
    now: clock.now(),
    schedule: config.schedule,
    rootDir: config.rootDir,
  });
  await store.updateRun(runId, { plan: runPlan });
  ctx.options.onEvent?.({ type: 'plan', runId, plan: runPlan });
  return runPlan;
}
