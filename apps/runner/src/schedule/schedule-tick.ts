import { type Clock, newRunId, type Store, systemClock } from '@freshet/core';
import { RefusalCodes } from '../runs/refusals.js';
import { recordRefusedRun } from '../runs/refused-run.js';
import { runLockHolder } from '../runs/run-lock.js';
import { refreshSensor } from '../sensor/sensor.js';
import { decideScheduleTick, type ScheduleDecision } from './decide.js';
import { createTicks, type ScheduleConfig } from './ticks.js';

/** Meta key of the last tick the schedule acted on (ISO text). */
export const LAST_TICK_META_KEY = 'schedule.lastTickSeen';

export interface ScheduledRunRequest {
  runKey: string;
  tick: Date;
  /** Older ticks folded into this one (missed while the daemon was down). */
  missed: number;
}

export interface ScheduleTickOptions {
  store: Store;
  schedule: ScheduleConfig;
  upstreamAssets: readonly string[];
  clock?: Clock;
  /**
   * Starts the scheduled run; resolves once its run row exists (the run itself may go on in
   * the background). Its run key makes a repeated request start nothing.
   */
  startRun(request: ScheduledRunRequest): Promise<unknown>;
}

export interface ScheduleTickResult {
  decision: ScheduleDecision;
  /** The next tick after this call's instant. */
  nextTick: Date | null;
}

/**
 * Acts on the ticks due since the last one seen: starts one run, or records a refused run
 * saying why it was skipped. A first start only remembers the time, having missed nothing.
 * The tick is remembered after the run is started, so a crash in between repeats the start,
 * which the run key turns into nothing.
 */
export async function scheduleTick(options: ScheduleTickOptions): Promise<ScheduleTickResult> {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const ticks = createTicks(options.schedule);
  const now = clock.now();
  const result = (decision: ScheduleDecision): ScheduleTickResult => ({
    decision,
    nextTick: ticks.nextTick(now),
  });

  const lastSeen = parseTime(await store.getMeta(LAST_TICK_META_KEY));
  if (lastSeen === null) {
    await store.setMeta(LAST_TICK_META_KEY, now.toISOString());
    return result({ action: 'none' });
  }
  const due = ticks.dueTicks(lastSeen, now);
  if (due.length === 0) return result({ action: 'none' });

  const [sensor, holder] = await Promise.all([
    refreshSensor({ store, upstreamAssets: options.upstreamAssets, clock }),
    runLockHolder(store, now),
  ]);
  const decision = decideScheduleTick({ due, sensor: sensor.state, runInProgress: holder });
  if (decision.action === 'start') {
    await options.startRun({ runKey: decision.runKey, tick: decision.tick, missed: decision.missed });
  } else if (decision.action === 'skip') {
    await recordRefusedRun(store, {
      id: newRunId(now),
      runKey: decision.runKey,
      trigger: 'schedule',
      scope: {},
      refusal: {
        code:
          decision.reason === 'run_in_progress'
            ? RefusalCodes.RUN_IN_PROGRESS
            : RefusalCodes.SENSOR_NOT_ACTIVE,
        message: decision.message,
      },
      metadata: { tick: decision.tick.toISOString(), missedTicks: decision.missed },
      at: now,
    });
  }
  if (decision.action !== 'none') await store.setMeta(LAST_TICK_META_KEY, decision.tick.toISOString());
  return result(decision);
}

function parseTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
