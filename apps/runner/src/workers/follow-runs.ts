import type { Clock, LimiterFactory, Logger, ResolvedConfig, RunRow, Store } from '@freshet/core';
import type { Plan } from '../planner/types.js';
import type { ExecuteRunOptions } from '../runs/execute-run.js';
import type { RunContext } from '../runs/steps/context.js';
import type { RunMetadata } from '../runs/types.js';
import type { FleetRole } from './types.js';
import { type PlanWork, workOnPlan } from './work-on-plan.js';

export interface FollowOptions {
  store: Store;
  config: ResolvedConfig;
  clock: Clock;
  logger: Logger;
  role: FleetRole;
  limiters: LimiterFactory;
  stopSignal: AbortSignal;
  abortSignal?: AbortSignal;
  http?: ExecuteRunOptions['http'];
}

/** The shared runs going now that have their plan, oldest first. */
export async function openFleetRuns(store: Store): Promise<Array<{ run: RunRow; plan: Plan }>> {
  const running = await store.listRuns({ status: 'running', limit: 20 });
  return running
    .filter((run) => (run.metadata as RunMetadata | null)?.fleet !== undefined && run.plan !== null)
    .map((run) => ({ run, plan: run.plan as Plan }))
    .sort((a, b) => a.run.startedAt.getTime() - b.run.startedAt.getTime());
}

/**
 * Works on another worker's run: its plan's partitions, leased to this worker, each result
 * stored on the run; the leader finishes the run. Stops when the run ends or the worker stops.
 */
export function followRun(run: RunRow, plan: Plan, options: FollowOptions): Promise<PlanWork> {
  const { store, config, clock, logger, role } = options;
  const runOptions: ExecuteRunOptions = {
    store,
    config,
    trigger: run.trigger,
    scope: plan.scope,
    clock,
    logger,
    limiters: options.limiters,
    fleet: role,
    stopSignal: options.stopSignal,
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    ...(options.http ? { http: options.http } : {}),
  };
  const ctx: RunContext = {
    runId: run.id,
    runKey: run.runKey,
    store,
    config,
    trigger: run.trigger,
    clock,
    logger,
    startedAt: run.startedAt,
    processStartedAt: new Date(),
    options: runOptions,
  };
  return workOnPlan(
    ctx,
    plan.entries.filter((e) => e.action === 'run'),
    {
      role,
      keepAlive: async () => {},
      isOpen: async () => (await store.getRun(run.id))?.status === 'running',
    },
  );
}
