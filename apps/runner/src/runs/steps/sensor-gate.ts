import type { RunTrigger } from '@freshet/core';
import { refreshSensor } from '../../sensor/sensor.js';
import type { SensorState } from '../../sensor/types.js';
import { type Refusal, RefusalCodes } from '../refusals.js';
import type { PauseOverride } from '../types.js';
import type { RunContext } from './context.js';

export type SensorGate = {
  sensor: PauseOverride;
  /** Set when the run may not go ahead. */
  refusal: Refusal | null;
  /** Set when a manual run goes ahead although the sensor is paused. */
  pauseOverride: PauseOverride | null;
};

/** Step 1: the sensor. Schedule and sensor runs need it active; a manual run only refuses a paused one. */
export async function gateOnSensor(ctx: RunContext): Promise<SensorGate> {
  const { store, config, clock, logger, runId } = ctx;
  const { state } = await refreshSensor({ store, upstreamAssets: config.sensor.upstreamAssets, clock });
  const sensor = { status: state.status, reason: state.reason };
  const refusal = sensorRefusal(ctx.trigger, state, ctx.options.overridePause === true);
  if (refusal !== null || state.status !== 'paused') return { sensor, refusal, pauseOverride: null };
  logger.warn({ runId, reason: state.reason }, 'running although the sensor is paused (--force)');
  return { sensor, refusal: null, pauseOverride: { status: 'paused', reason: state.reason } };
}

export function sensorRefusal(
  trigger: RunTrigger,
  sensor: SensorState,
  overridePause: boolean,
): Refusal | null {
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
