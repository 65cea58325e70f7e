import type { AssetEvent, Logger } from '@freshet/core';
import { reportAssetEvent } from '../assets/report.js';
import { createRunLauncher } from '../daemon/run-launcher.js';
import { EMPTY_SCOPE } from '../planner/types.js';
import type { HttpOverrides } from '../runs/engine-sources.js';
import { executeRun } from '../runs/execute-run.js';
import type { RunEvent, RunSummary } from '../runs/types.js';
import { SENSOR_NAME, tickSensor } from '../sensor/sensor.js';
import { parseSensorState } from '../sensor/state-schema.js';
import type { SensorStatus } from '../sensor/types.js';
import { saveGeneration } from './generation.js';
import type { SandboxSession } from './open-sandbox.js';
import { SANDBOX_UPSTREAM_ASSET } from './sandbox-config.js';

export interface SandboxCycleOptions {
  logger: Logger;
  onEvent?(event: RunEvent): void;
  /** Told once the sensor has ticked, before the run's plan arrives. */
  onSensor?(sensor: SandboxCycleResult['sensor'], assetEvent: AssetEvent): void;
  stopSignal?: AbortSignal;
  abortSignal?: AbortSignal;
  http?: HttpOverrides;
}

export interface SandboxCycleResult {
  assetEvent: AssetEvent;
  sensor: { before: SensorStatus | null; after: SensorStatus; reason: string; runKey: string | null };
  summary: RunSummary | null;
}

/**
 * One cycle as the daemon would run it: the upstream asset succeeds, the sensor ticks, turns
 * active and starts a run for that success, and the run goes through the plan. A cycle whose
 * run finished (succeeded or failed, not interrupted) moves the sandbox one generation on.
 */
export async function runSandboxCycle(
  session: SandboxSession,
  options: SandboxCycleOptions,
): Promise<SandboxCycleResult> {
  const { store, config, clock } = session;
  const assetEvent = await reportAssetEvent(
    store,
    { asset: SANDBOX_UPSTREAM_ASSET, status: 'success' },
    clock,
  );
  const before = parseSensorState((await store.getSensorState(SENSOR_NAME))?.state)?.status ?? null;

  let summary: RunSummary | null = null;
  // The run starts before the sensor's tick returns: hold its events so the output reads in order.
  const held: RunEvent[] = [];
  let holding: RunEvent[] | null = held;
  const forward = (event: RunEvent) => {
    if (holding) holding.push(event);
    else options.onEvent?.(event);
  };
  const launcher = createRunLauncher({
    execute: (request) =>
      executeRun({
        store,
        config,
        scope: EMPTY_SCOPE,
        clock,
        logger: options.logger,
        ...request,
        onEvent: (event) => {
          request.onEvent(event);
          forward(event);
        },
        ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
        ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
        ...(options.http ? { http: options.http } : {}),
      }),
    onFinished: (finished) => {
      summary = finished;
    },
  });

  const tick = await tickSensor({
    store,
    upstreamAssets: config.sensor.upstreamAssets,
    clock,
    requestRun: (request) =>
      launcher.launch({
        trigger: 'sensor',
        runKey: request.runKey,
        triggerDetail: { assetEventId: request.eventId, sandboxGeneration: session.generation },
      }),
  });
  const sensor = {
    before,
    after: tick.state.status,
    reason: tick.state.reason,
    runKey: tick.requested?.runKey ?? null,
  };
  options.onSensor?.(sensor, assetEvent);
  holding = null;
  for (const event of held) options.onEvent?.(event);
  await launcher.idle();

  const finished = summary as RunSummary | null;
  if (finished?.status === 'succeeded' || finished?.status === 'failed') {
    await saveGeneration(store, session.generation + 1);
  }
  return { assetEvent, sensor, summary: finished };
}
