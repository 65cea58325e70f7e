import {
  type ArtifactStepHook,
  type Clock,
  type Json,
  type LimiterFactory,
  type Logger,
  newRunId,
  type ResolvedConfig,
  type RunTrigger,
  type Store,
  silentLogger,
  systemClock,
  toFreshetError,
} from '@freshet/core';
import { parseExplicitScope } from '../planner/scope.js';
import type { RunScope } from '../planner/types.js';
import { executePlanTogether } from '../workers/execute-together.js';
import type { FleetRole } from '../workers/types.js';
import type { HttpOverrides } from './engine-sources.js';
import type { Refusal } from './refusals.js';
import type { RunLock } from './run-lock.js';
import { checkArtifact } from './steps/artifact-check.js';
import { writeArtifact } from './steps/artifact-write.js';
import type { RunContext } from './steps/context.js';
import { executePlan } from './steps/execute-step.js';
import { finishRun, metadataOf, type RunFacts, summaryOf } from './steps/finish-run.js';
import { outcomeOf } from './steps/outcome.js';
import { planRun } from './steps/plan-step.js';
import { takeRunLock } from './steps/run-lock-step.js';
import { gateOnSensor } from './steps/sensor-gate.js';
import type { RunEvent, RunSummary } from './types.js';

export interface ExecuteRunOptions {
  store: Store;
  config: ResolvedConfig;
  trigger: RunTrigger;
  scope: RunScope;
  /** Idempotency key (`schedule:<tick>`, `sensor:<event id>`); a repeat starts nothing. */
  runKey?: string | null;
  /** Manual runs: go ahead while the sensor is paused, and record the override. */
  overridePause?: boolean;
  /** Extra detail about the trigger (the tick, the asset event), kept in the metadata. */
  triggerDetail?: Json;
  clock?: Clock;
  logger?: Logger;
  onEvent?: (event: RunEvent) => void;
  /** Graceful stop: slices in flight commit, the rest of the run is `interrupted`. */
  stopSignal?: AbortSignal;
  /** Hard stop: requests in flight are aborted. */
  abortSignal?: AbortSignal;
  http?: HttpOverrides;
  /** Makes each source's limiter (the config's `limiter`); in-process by default. */
  limiters?: LimiterFactory;
  /**
   * Workers share the run (`freshet worker`): this one leads it, the others claim its
   * partitions too; each partition is leased to the worker that works on it.
   */
  fleet?: FleetRole;
  runId?: string;
  /** Called after each step of the state artifact write (crash tests, the chaos campaign). */
  onArtifactStep?: ArtifactStepHook;
}

/**
 * One run, as named steps (`steps/`), each passing on what it found: record the run, the sensor
 * gate, the run lock, the state artifact check, the plan, the execution of the plan's partitions
 * (leased to the run, each result stored with the SLA gap it closed), the outcome, the state
 * artifact write when every partition succeeded, and the run's final row. Throws only for a
 * scope that names unknown sources or bad partition keys (before anything is recorded);
 * everything later is in the summary.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunSummary> {
  parseExplicitScope(options.config.sources, options.scope);
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  const ctx: RunContext = {
    runId: options.runId ?? newRunId(startedAt),
    runKey: options.runKey ?? null,
    store: options.store,
    config: options.config,
    trigger: options.trigger,
    clock,
    logger: options.logger ?? silentLogger,
    startedAt,
    processStartedAt: new Date(),
    options,
  };
  if (!(await recordRun(ctx))) return summaryOf(ctx, 'duplicate', {});
  options.onEvent?.({ type: 'run-created', runId: ctx.runId });

  let facts: RunFacts = {};
  let lock: RunLock | null = null;
  try {
    const gate = await gateOnSensor(ctx);
    facts = { ...facts, sensor: gate.sensor, pauseOverride: gate.pauseOverride };
    if (gate.refusal) return await refuse(ctx, facts, gate.refusal);

    const locked = await takeRunLock(ctx);
    if ('refusal' in locked) return await refuse(ctx, facts, locked.refusal);
    lock = locked.lock;

    const artifactRefusal = await checkArtifact(ctx);
    if (artifactRefusal !== null) return await refuse(ctx, facts, artifactRefusal);

    const runPlan = await planRun(ctx);
    facts = { ...facts, plan: runPlan };
    const execution = options.fleet
      ? await executePlanTogether(ctx, runPlan, lock, options.fleet)
      : await executePlan(ctx, runPlan, lock);
    const partitions = await ctx.store.listRunPartitions(ctx.runId);
    const outcome = outcomeOf(partitions, execution.results, runPlan);
    facts = {
      ...facts,
      partitions,
      slaGapsClosed: execution.slaGapsClosed,
      totals: outcome.totals,
      error: outcome.error,
    };
    if (outcome.status === 'succeeded') facts = { ...facts, artifact: await writeArtifact(ctx) };
    return await finishRun(ctx, outcome.status, facts);
  } catch (err) {
    const error = toFreshetError(err);
    ctx.logger.error({ runId: ctx.runId, code: error.code }, error.message);
    facts = { ...facts, error: { code: error.code, message: error.message } };
    return await finishRun(ctx, 'failed', facts).catch(() => summaryOf(ctx, 'failed', facts));
  } finally {
    await lock?.release().catch(() => {});
  }
}

/** Creates the run row; false when its run key started a run already. */
function recordRun(ctx: RunContext): Promise<boolean> {
  return ctx.store.createRun({
    id: ctx.runId,
    runKey: ctx.runKey,
    trigger: ctx.trigger,
    status: 'running',
    scope: ctx.options.scope,
    plan: null,
    metadata: metadataOf(ctx, {}, null),
    startedAt: ctx.startedAt,
    finishedAt: null,
    error: null,
  });
}

function refuse(ctx: RunContext, facts: RunFacts, refusal: Refusal): Promise<RunSummary> {
  ctx.logger.warn({ runId: ctx.runId, code: refusal.code }, refusal.message);
  return finishRun(ctx, 'refused', {
    ...facts,
    refusal,
    error: { code: refusal.code, message: refusal.message },
  });
}
