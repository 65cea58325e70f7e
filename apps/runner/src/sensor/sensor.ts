import {
  assetNameProblem,
  type Clock,
  ErrorCodes,
  FreshetError,
  type Json,
  type Store,
  systemClock,
} from '@freshet/core';
import { evaluateSensor, markRequested, pendingRunRequest } from './evaluate.js';
import { parseSensorState } from './state-schema.js';
import type { SensorInputs, SensorRunRequest, SensorState } from './types.js';

/** The sensor's name in the store; one runner has one sensor. */
export const SENSOR_NAME = 'iterative_enrichment_sensor';

// Compare-and-set losers re-read and try again; more writers than this at once is a bug.
const MAX_CAS_ATTEMPTS = 5;

export interface SensorOptions {
  store: Store;
  upstreamAssets: readonly string[];
  name?: string;
  clock?: Clock;
}

export interface SensorSnapshot {
  name: string;
  state: SensorState;
  /** The store row's version after this call. */
  version: number;
  inputs: SensorInputs;
}

/**
 * Re-derives the sensor's status from the latest asset events and saves it (compare-and-set),
 * storing a transition when the status changed. Requests no run.
 */
export async function refreshSensor(options: SensorOptions): Promise<SensorSnapshot> {
  return update(options, () => null);
}

export interface SensorTickOptions extends SensorOptions {
  /**
   * Starts the run (or finds it started already: `store.createRun` refuses a repeated run
   * key). Resolves once the run row exists; the sensor then remembers the request.
   */
  requestRun(request: SensorRunRequest): Promise<unknown>;
}

export interface SensorTickResult extends SensorSnapshot {
  /** The run this tick asked for, if any. */
  requested: SensorRunRequest | null;
}

/**
 * One sensor tick: refresh the status; when active and an upstream asset succeeded since the
 * last requested run, request a run keyed by that success. The run is requested before the
 * state records it, so a crash in between repeats the request, which its run key makes harmless.
 */
export async function tickSensor(options: SensorTickOptions): Promise<SensorTickResult> {
  let requested: SensorRunRequest | null = null;
  const snapshot = await update(options, async (state, inputs) => {
    const request = pendingRunRequest(state, inputs);
    if (request === null) return null;
    if (requested?.runKey !== request.runKey) await options.requestRun(request);
    requested = request;
    return markRequested(state, request);
  });
  return { ...snapshot, requested };
}

type Amend = (state: SensorState, inputs: SensorInputs) => SensorState | null | Promise<SensorState | null>;

async function update(options: SensorOptions, amend: Amend): Promise<SensorSnapshot> {
  checkUpstreamAssets(options.upstreamAssets);
  const { store } = options;
  const name = options.name ?? SENSOR_NAME;
  const clock = options.clock ?? systemClock;
  for (let attempt = 1; ; attempt++) {
    const [row, latestEvents] = await Promise.all([store.getSensorState(name), store.latestAssetEvents()]);
    const previous = row === null ? null : parseSensorState(row.state);
    const version = row?.version ?? 0;
    const now = clock.now();
    const inputs: SensorInputs = { upstreamAssets: options.upstreamAssets, latestEvents, now };
    const evaluation = evaluateSensor(previous, inputs);
    const amended = await amend(evaluation.state, inputs);
    const state = amended ?? evaluation.state;
    if (!evaluation.changed && amended === null && previous !== null) {
      return { name, state, version, inputs };
    }
    const saved = await store.transaction(async (tx) => {
      if (!(await tx.saveSensorState(name, state as unknown as Json, version, now))) return false;
      if (evaluation.transition) {
        await tx.appendSensorTransition({ name, ...evaluation.transition, at: now });
      }
      return true;
    });
    if (saved) return { name, state, version: version + 1, inputs };
    if (attempt >= MAX_CAS_ATTEMPTS) {
      throw new FreshetError(
        ErrorCodes.STORE_ERROR,
        `sensor ${name}: another writer kept changing its state; try again`,
      );
    }
  }
}

/**
 * Watching a name that `freshet assets report` refuses would keep the sensor waiting for ever;
 * the configuration checks the same rule, this catches callers that build the list themselves.
 */
function checkUpstreamAssets(assets: readonly string[]): void {
  for (const asset of assets) {
    const problem = assetNameProblem(asset);
    if (problem !== null)
      throw new FreshetError(ErrorCodes.CONFIG_INVALID, `sensor.upstreamAssets: ${problem}`);
  }
}
