import type { AssetEvent } from '@freshet/core';
import type {
  AssetFailure,
  SensorInputs,
  SensorRunRequest,
  SensorState,
  SensorStatus,
  SensorTransitionInput,
} from './types.js';

export interface SensorEvaluation {
  state: SensorState;
  /** Set when the status or the pause reason changed. */
  transition: SensorTransitionInput | null;
  /** False when the new state equals the previous one (nothing to save). */
  changed: boolean;
}

/**
 * Derives the sensor's status from the latest event of each upstream asset:
 * `paused` while any asset's latest event is a failure, else `waiting` while any asset never
 * reported, else `active`. A failed asset's next success therefore lifts its pause by itself.
 */
export function evaluateSensor(previous: SensorState | null, inputs: SensorInputs): SensorEvaluation {
  const latest = latestByAsset(inputs.upstreamAssets, inputs.latestEvents);
  const failures: AssetFailure[] = [];
  const waitingFor: string[] = [];
  for (const asset of inputs.upstreamAssets) {
    const event = latest.get(asset);
    if (event === undefined) waitingFor.push(asset);
    else if (event.status === 'failure') {
      failures.push({ asset, message: event.message, eventId: event.id, at: event.at.toISOString() });
    }
  }
  const status: SensorStatus = failures.length > 0 ? 'paused' : waitingFor.length > 0 ? 'waiting' : 'active';
  const reason = describe(status, failures, waitingFor, inputs.upstreamAssets);
  const statusChanged = previous?.status !== status || previous.reason !== reason;

  const state: SensorState = {
    status,
    reason,
    since: statusChanged || previous === null ? inputs.now.toISOString() : previous.since,
    waitingFor,
    failures,
    lastRequestedEventId: previous?.lastRequestedEventId ?? null,
    lastRequestedRunKey: previous?.lastRequestedRunKey ?? null,
  };
  return {
    state,
    transition: statusChanged ? { from: previous?.status ?? null, to: status, reason } : null,
    changed: previous === null || statusChanged || !sameLists(previous, state),
  };
}

/**
 * The run an active sensor asks for: one per newest upstream success not yet answered. The
 * run key names that success, so a repeated tick (or a second process) asks for the same run.
 */
export function pendingRunRequest(state: SensorState, inputs: SensorInputs): SensorRunRequest | null {
  if (state.status !== 'active') return null;
  const latest = latestByAsset(inputs.upstreamAssets, inputs.latestEvents);
  let newest = 0;
  for (const event of latest.values()) {
    if (event.status === 'success' && event.id > newest) newest = event.id;
  }
  if (newest === 0 || newest <= (state.lastRequestedEventId ?? 0)) return null;
  return { runKey: sensorRunKey(newest), eventId: newest };
}

export function sensorRunKey(eventId: number): string {
  return `sensor:${eventId}`;
}

/** The state after a run was requested (or found already requested) for `request`. */
export function markRequested(state: SensorState, request: SensorRunRequest): SensorState {
  return { ...state, lastRequestedEventId: request.eventId, lastRequestedRunKey: request.runKey };
}

function latestByAsset(upstream: readonly string[], events: readonly AssetEvent[]): Map<string, AssetEvent> {
  const wanted = new Set(upstream);
  const latest = new Map<string, AssetEvent>();
  for (const event of events) {
    if (!wanted.has(event.asset)) continue;
    const seen = latest.get(event.asset);
    if (seen === undefined || event.id > seen.id) latest.set(event.asset, event);
  }
  return latest;
}

function describe(
  status: SensorStatus,
  failures: AssetFailure[],
  waitingFor: string[],
  upstream: readonly string[],
): string {
  if (status === 'paused') {
    return failures
      .map((f) => `upstream asset ${f.asset} failed${f.message ? `: ${f.message}` : ''}`)
      .join('; ');
  }
  if (status === 'waiting') return `waiting for upstream asset(s) to succeed: ${waitingFor.join(', ')}`;
  return upstream.length === 0
    ? 'no upstream assets are configured'
    : `every upstream asset succeeded (${upstream.join(', ')})`;
}

function sameLists(a: SensorState, b: SensorState): boolean {
  return JSON.stringify([a.waitingFor, a.failures]) === JSON.stringify([b.waitingFor, b.failures]);
}
