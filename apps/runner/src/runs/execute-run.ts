import {
  type ArtifactStepHook,
  type Clock,
  ErrorCodes,
  type ExecutorEvent,
  executePartitions,
  isFreshetError,
  type Json,
  type Logger,
  type PartitionResult,
  type PartitionWork,
  parsePartitionKey,
  type ResolvedConfig,
  type RunPartitionRow,
  type RunStatus,
  type RunTrigger,
  recoverStateArtifact,
  type Store,
  type StoredError,
  silentLogger,
  systemClock,
  toFreshetError,
  validateStateArtifact,
  writeStateArtifact,
} from '@freshet/core';
import { plan as makePlan } from '../planner/plan.js';
import { parseExplicitScope, type ScopeProblem } from '../planner/scope.js';
import type { PlanEntry, RunScope } from '../planner/types.js';
import { refreshSensor } from '../sensor/sensor.js';
import type { SensorState } from '../sensor/types.js';
import { interruptDeadRuns } from './dead-runs.js';
import { createEngineSources, type HttpOverrides } from './engine-sources.js';
import { newRunId } from './ids.js';
import { type Refusal, RefusalCodes } from './refusals.js';
import { acquireRunLock, type RunLock, releaseDeadHolder, runLockHolder, thisProcess } from './run-lock.js';
import { type SlaGapClosed, slaGapClosed } from './sla-gap-closed.js';
import type { RunEvent, RunMetadata, RunSummary, RunTotals } from './types.js';

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
  runId?: string;
  /** Called after each step of the state artifact write (crash tests, the chaos campaign). */
  onArtifactStep?: ArtifactStepHook;
}

/**
 * One run: record it, check the sensor, take the run lock, validate the state artifact,
 * plan, execute the plan's partitions (leased to the run), store each partition's result
 * with the SLA gap it closed, write the state artifact when every partition succeeded, and
 * set the run's status. Throws only for a scope that names unknown sources or bad partition
 * keys (before anything is recorded); everything later is in the summary.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunSummary> {
  const { store, config, trigger } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const startedAt = clock.now();
  // Wall time, not the (possibly shifted) clock: it is compared with temp files' mtimes.
  const processStartedAt = new Date();
  const runId = options.runId ?? newRunId(startedAt);
  const runKey = options.runKey ?? null;
  parseExplicitScope(config.sources, options.scope);

  const summary: RunSummary = {
    runId,
    runKey,
    trigger,
    status: 'running',
    refusal: null,
    plan: null,
    partitions: [],
    totals: emptyTotals(),
    slaGapsClosed: [],
    pauseOverride: null,
    artifact: null,
    error: null,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    durationMs: 0,
  };
  const metadata: RunMetadata = {
    sensor: null,
    pauseOverride: null,
    trigger: options.triggerDetail ?? null,
    totals: null,
    slaGapsClosed: [],
    artifact: null,
    durationMs: null,
    process: thisProcess(),
  };

  const created = await store.createRun({
    id: runId,
    runKey,
    trigger,
    status: 'running',
    scope: options.scope,
    plan: null,
    metadata,
    startedAt,
    finishedAt: null,
    error: null,
  });
  if (!created) return finish(summary, 'duplicate', clock);
  options.onEvent?.({ type: 'run-created', runId });

  let lock: RunLock | null = null;
  const engine = { stop: async () => {} };
  try {
    const sensor = await refreshSensor({ store, upstreamAssets: config.sensor.upstreamAssets, clock });
    metadata.sensor = { status: sensor.state.status, reason: sensor.state.reason };
    const sensorRefusal = sensorGate(trigger, sensor.state, options.overridePause === true);
    if (sensorRefusal !== null) return await refuse(sensorRefusal);
    if (sensor.state.status === 'paused') {
      summary.pauseOverride = metadata.pauseOverride = { status: 'paused', reason: sensor.state.reason };
      logger.warn({ runId, reason: sensor.state.reason }, 'running although the sensor is paused (--force)');
    }

    const ttlMs = config.run.leaseTtlSeconds * 1000;
    lock = await acquireRunLock({ store, runId, ttlMs, clock });
    if (lock === null && (await releaseDeadHolder(store, clock.now()))) {
      lock = await acquireRunLock({ store, runId, ttlMs, clock });
    }
    if (lock === null) {
      const holder = (await runLockHolder(store, clock.now())) ?? 'another run';
      return await refuse({
        code: RefusalCodes.RUN_IN_PROGRESS,
        message: `run ${holder} is still going on this store; wait for it (freshet runs show ${holder}) and try again`,
      });
    }

    // Holding the run lock, no other run can be working: settle what dead ones left first,
    // so a kill never blocks the runs after it.
    await interruptDeadRuns({ store, clock, noticedBy: `run ${runId}`, except: runId, leaselessAfterMs: 0 });
    const recovery = await recoverStateArtifact({
      store,
      path: config.state.path,
      olderThan: processStartedAt,
    });
    if (recovery.pending === 'confirmed' || recovery.pending === 'rolled-back') {
      logger.warn(
        { runId, pending: recovery.pending },
        `a state artifact write was cut short; ${recovery.pending === 'confirmed' ? 'the file it wrote is now recorded' : 'the previous artifact stays'}`,
      );
    }
    const artifactRefusal = await validateArtifact(store, config.state.path);
    if (artifactRefusal !== null) return await refuse(artifactRefusal);

    const runPlan = await makePlan({
      store,
      sources: config.sources,
      scope: options.scope,
      now: clock.now(),
      schedule: config.schedule,
    });
    summary.plan = runPlan;
    await store.updateRun(runId, { plan: runPlan });
    options.onEvent?.({ type: 'plan', runId, plan: runPlan });

    const toRun = runPlan.entries.filter((e) => e.action === 'run');
    const entries = new Map(toRun.map((e) => [e.partitionKey, e]));
    const slaMs = new Map(config.sources.map((s) => [s.source.id, s.slaMs]));
    const schemes = new Map(config.sources.map((s) => [s.source.id, s.source.cohort]));
    const work: PartitionWork[] = toRun.map((entry) => ({
      partition: parsePartitionKey(entry.partitionKey, schemes),
      refresh: entry.refresh,
    }));

    const inPlan = new Set(toRun.map((e) => e.source));
    const engineSources = createEngineSources({
      store,
      sources: config.sources.filter((s) => inPlan.has(s.source.id)),
      clock,
      logger,
      ...(options.http ? { http: options.http } : {}),
    });
    engine.stop = engineSources.stop;

    const saving: Promise<void>[] = [];
    const onExecutorEvent = (event: ExecutorEvent) => {
      options.onEvent?.({ type: 'executor', runId, event });
      saving.push(lock!.keepAlive().catch(() => {}));
      if (event.type !== 'partition-end') return;
      const entry = entries.get(event.result.partitionKey)!;
      const completedAt = clock.now();
      saving.push(
        (async () => {
          const closed =
            event.result.outcome === 'complete'
              ? await slaGapClosed({ store, entry, slaMs: slaMs.get(entry.source) ?? 0, completedAt })
              : null;
          if (closed) summary.slaGapsClosed.push(closed);
          await saveResult(store, runId, event.result, closed);
        })(),
      );
    };

    const results = await executePartitions({
      store,
      sources: engineSources.sources,
      work,
      runId,
      ...(config.run.maxParallelPartitions === undefined
        ? {}
        : { maxParallelPartitions: config.run.maxParallelPartitions }),
      lease: { holder: runId, ttlMs },
      clock,
      logger,
      onEvent: onExecutorEvent,
      ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
      ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    await Promise.all(saving);
    for (const entry of runPlan.entries.filter((e) => e.action === 'deferred')) {
      await saveDeferred(store, runId, entry);
    }

    summary.partitions = await store.listRunPartitions(runId);
    summary.totals = totalsOf(summary.partitions, results);
    summary.slaGapsClosed.sort((a, b) => a.partitionKey.localeCompare(b.partitionKey));
    const status = runPlan.problems.length > 0 ? 'failed' : statusOf(summary.totals);
    if (status === 'succeeded') {
      const artifact = await writeStateArtifact({
        store,
        path: config.state.path,
        runId,
        clock,
        ...(options.onArtifactStep ? { onStep: options.onArtifactStep } : {}),
      });
      summary.artifact = { path: config.state.path, writtenAt: artifact.writtenAt };
    } else {
      summary.error = failureOf(results) ?? problemsError(runPlan.problems);
    }
    return await complete(status);
  } catch (err) {
    const error = toFreshetError(err);
    logger.error({ runId, code: error.code }, error.message);
    summary.error = { code: error.code, message: error.message };
    return await complete('failed').catch(() => finish(summary, 'failed', clock));
  } finally {
    await engine.stop().catch(() => {});
    await lock?.release().catch(() => {});
  }

  async function refuse(refusal: Refusal): Promise<RunSummary> {
    summary.refusal = refusal;
    summary.error = { code: refusal.code, message: refusal.message };
    logger.warn({ runId, code: refusal.code }, refusal.message);
    return complete('refused', { refusal: { ...refusal } });
  }

  async function complete(status: RunStatus, extra: Record<string, Json> = {}): Promise<RunSummary> {
    finish(summary, status, clock);
    metadata.totals = summary.totals;
    metadata.slaGapsClosed = summary.slaGapsClosed;
    metadata.artifact = summary.artifact;
    metadata.durationMs = summary.durationMs;
    await store.updateRun(runId, {
      status,
      finishedAt: new Date(summary.finishedAt),
      error: summary.error,
      metadata: { ...metadata, ...extra },
    });
    return summary;
  }
}

/** Schedule and sensor runs need an active sensor; a manual run only refuses a paused one. */
function sensorGate(trigger: RunTrigger, sensor: SensorState, overridePause: boolean): Refusal | null {
  if (trigger === 'manual') {
    if (sensor.status !== 'paused' || overridePause) return null;
    const failed = sensor.failures[0]?.asset ?? '<asset>';
    return {
      code: RefusalCodes.SENSOR_PAUSED,
      message: `the sensor is paused: ${sensor.reason}. Fix the upstream asset and report its success (freshet assets report ${failed} --status success), or pass --force to run anyway`,
    };
  }
  if (sensor.status === 'active') return null;
  return {
    code: RefusalCodes.SENSOR_NOT_ACTIVE,
    message: `the sensor is ${sensor.status} (${sensor.reason}); ${trigger} runs start only while it is active`,
  };
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

function saveResult(
  store: Store,
  runId: string,
  result: PartitionResult,
  closed: SlaGapClosed | null,
): Promise<void> {
  return store.saveRunPartition({
    runId,
    partitionKey: result.partitionKey,
    status: result.outcome,
    counts: result.counts,
    retries: result.retries,
    durationMs: result.durationMs,
    error: result.error,
    slaGapClosed: closed,
  });
}

function saveDeferred(store: Store, runId: string, entry: PlanEntry): Promise<void> {
  return store.saveRunPartition({
    runId,
    partitionKey: entry.partitionKey,
    status: 'deferred',
    counts: { slices: 0, written: 0, unchanged: 0, failed: 0, notFound: 0, apiCalls: 0 },
    retries: 0,
    durationMs: 0,
    error: { code: ErrorCodes.QUOTA_EXHAUSTED, message: entry.note ?? 'does not fit the daily quota' },
    slaGapClosed: null,
  });
}

function emptyTotals(): RunTotals {
  return {
    complete: 0,
    failed: 0,
    skipped: 0,
    deferred: 0,
    interrupted: 0,
    locked: 0,
    written: 0,
    unchanged: 0,
    notFound: 0,
    apiCalls: 0,
    retries: 0,
  };
}

function totalsOf(rows: RunPartitionRow[], results: PartitionResult[]): RunTotals {
  const totals = emptyTotals();
  for (const row of rows) {
    totals[row.status] += 1;
    totals.written += row.counts.written;
    totals.unchanged += row.counts.unchanged;
    totals.notFound += row.counts.notFound;
    totals.apiCalls += row.counts.apiCalls;
    totals.retries += row.retries;
  }
  // Results not yet saved (a store failure while saving) still count.
  if (rows.length === 0 && results.length > 0) {
    for (const r of results) totals[r.outcome] += 1;
  }
  return totals;
}

/**
 * `succeeded` only when nothing failed, was locked or interrupted. Deferred partitions do not
 * fail a run: the quota said so, and the next run takes them first.
 */
function statusOf(totals: RunTotals): RunStatus {
  if (totals.interrupted > 0) return 'interrupted';
  if (totals.failed > 0 || totals.locked > 0) return 'failed';
  return 'succeeded';
}

function failureOf(results: PartitionResult[]): StoredError | null {
  const failed = results.filter((r) => r.outcome === 'failed' || r.outcome === 'locked');
  if (failed.length === 0) return null;
  const first = failed[0]!;
  return {
    code: first.error?.code ?? ErrorCodes.INTERNAL,
    message: `${failed.length} partition(s) failed; first: ${first.partitionKey}: ${first.error?.message ?? 'unknown error'}`,
  };
}

function problemsError(problems: readonly ScopeProblem[]): StoredError | null {
  const first = problems[0];
  if (first === undefined) return null;
  return {
    code: first.code,
    message: problems.map((p) => `source ${p.source} ${p.message}`).join('; '),
  };
}

function finish(summary: RunSummary, status: RunSummary['status'], clock: Clock): RunSummary {
  const finishedAt = clock.now();
  summary.status = status;
  summary.finishedAt = finishedAt.toISOString();
  summary.durationMs = finishedAt.getTime() - new Date(summary.startedAt).getTime();
  return summary;
}
