import type { SensorStatus } from '../sensor/types.js';

export interface ScheduleTickInputs {
  /** Ticks due since the last one seen, oldest first (see `Ticks.dueTicks`). */
  due: readonly Date[];
  sensor: { status: SensorStatus; reason: string };
  /** The run holding the run lock, if one is going. */
  runInProgress: string | null;
}

export type ScheduleDecision =
  | { action: 'none' }
  | { action: 'start'; tick: Date; runKey: string; missed: number }
  | {
      action: 'skip';
      tick: Date;
      runKey: string;
      missed: number;
      reason: 'sensor_not_active' | 'run_in_progress';
      message: string;
    };

/**
 * What the schedule does now. Ticks missed while the daemon was down collapse into one run of
 * the newest; a run only starts while the sensor is active and no other run is going.
 */
export function decideScheduleTick(inputs: ScheduleTickInputs): ScheduleDecision {
  const tick = inputs.due.at(-1);
  if (tick === undefined) return { action: 'none' };
  const base = { tick, runKey: scheduleRunKey(tick), missed: inputs.due.length - 1 };
  if (inputs.runInProgress !== null) {
    return {
      action: 'skip',
      ...base,
      reason: 'run_in_progress',
      message: `run ${inputs.runInProgress} is still going; the ${tick.toISOString()} tick is skipped`,
    };
  }
  if (inputs.sensor.status !== 'active') {
    return {
      action: 'skip',
      ...base,
      reason: 'sensor_not_active',
      message: `the sensor is ${inputs.sensor.status} (${inputs.sensor.reason}); the schedule fires only while it is active`,
    };
  }
  return { action: 'start', ...base };
}

/** One run per tick, whichever process notices it. */
export function scheduleRunKey(tick: Date): string {
  return `schedule:${tick.toISOString()}`;
}
