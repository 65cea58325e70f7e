import type { Clock, ResolvedConfig, Store } from '@freshet/core';
import { interruptDeadRuns } from '../runs/dead-runs.js';
import { releaseDeadHolder, runLockHolder } from '../runs/run-lock.js';
import type { ScheduleDecision } from '../schedule/decide.js';
import { scheduleTick } from '../schedule/schedule-tick.js';
import { pendingRunRequest } from '../sensor/evaluate.js';
import { refreshSensor, tickSensor } from '../sensor/sensor.js';
import type { SensorStatus } from '../sensor/types.js';
import { findInterruptedRun, resumeRunKey } from './find-interrupted.js';
import type { RunLauncher } from './run-launcher.js';

export interface DaemonTickOptions {
  store: Store;
  /** With `run`, runs of other hosts whose leases expired are marked interrupted too. */
  config: Pick<ResolvedConfig, 'schedule' | 'sensor'> & {
    run?: Pick<ResolvedConfig['run'], 'leaseTtlSeconds'>;
  };
  clock: Clock;
  launcher: RunLauncher;
  /** The first tick after start-up also resumes a run the last daemon left unfinished. */
  startUp?: boolean;
}

export interface SensorTickReport {
  status: SensorStatus;
  reason: string;
  /** The run key of the run this tick started for a new upstream success. */
  requested: string | null;
  /** A run the sensor wants, held back until the run going now ends (asked again next tick). */
  deferred: string | null;
}

export interface TickReport {
  at: Date;
  /** The interrupted run a start-up tick resumed, and the resuming run's key. */
  resumed: { runId: string; runKey: string } | null;
  schedule: { decision: ScheduleDecision; nextTick: Date | null };
  sensor: SensorTickReport;
  /** Runs of this daemon still going after the tick. */
  runsInFlight: number;
}

/**
 * One daemon tick: the schedule first (a due tick starts a run, or is skipped and recorded as
 * a refused run when another run is going or the sensor is not active); at start-up, a run
 * that resumes what the last daemon left interrupted; then the sensor (a new upstream success
 * starts a run). The sensor does not ask while a run is going: that run would
 * be refused and the success marked answered; asked on a later tick, its run really happens.
 */
export async function daemonTick(options: DaemonTickOptions): Promise<TickReport> {
  const { store, config, clock, launcher } = options;
  const at = clock.now();
  const upstreamAssets = config.sensor.upstreamAssets;
  // A killed run neither keeps the daemon busy nor shows as running.
  await releaseDeadHolder(store, at);
  const ttlSeconds = config.run?.leaseTtlSeconds;
  await interruptDeadRuns({
    store,
    clock,
    noticedBy: 'the daemon',
    ...(ttlSeconds === undefined ? {} : { leaselessAfterMs: ttlSeconds * 1000 }),
  });

  const schedule = await scheduleTick({
    store,
    schedule: config.schedule,
    upstreamAssets,
    clock,
    startRun: (request) =>
      launcher.launch({
        trigger: 'schedule',
        runKey: request.runKey,
        triggerDetail: { tick: request.tick.toISOString(), missedTicks: request.missed },
      }),
  });

  // A scheduled run resumes interrupted partitions first anyway; otherwise start one that does.
  const resumed =
    options.startUp && schedule.decision.action !== 'start' ? await resumeInterrupted(options) : null;

  const busy = launcher.inFlight > 0 || (await runLockHolder(store, clock.now())) !== null;
  let sensor: SensorTickReport;
  if (busy) {
    const snapshot = await refreshSensor({ store, upstreamAssets, clock });
    const pending = pendingRunRequest(snapshot.state, snapshot.inputs);
    sensor = { ...statusOf(snapshot.state), requested: null, deferred: pending?.runKey ?? null };
  } else {
    const result = await tickSensor({
      store,
      upstreamAssets,
      clock,
      requestRun: (request) =>
        launcher.launch({
          trigger: 'sensor',
          runKey: request.runKey,
          triggerDetail: { assetEventId: request.eventId },
        }),
    });
    sensor = { ...statusOf(result.state), requested: result.requested?.runKey ?? null, deferred: null };
  }

  return { at, resumed, schedule, sensor, runsInFlight: launcher.inFlight };
}

async function resumeInterrupted(options: DaemonTickOptions): Promise<TickReport['resumed']> {
  const { store, clock, launcher } = options;
  const interrupted = await findInterruptedRun(store, clock.now());
  if (interrupted === null) return null;
  const runKey = resumeRunKey(interrupted.id);
  await launcher.launch({ trigger: interrupted.trigger, runKey, triggerDetail: { resumes: interrupted.id } });
  return { runId: interrupted.id, runKey };
}

function statusOf(state: { status: SensorStatus; reason: string }) {
  return { status: state.status, reason: state.reason };
}
