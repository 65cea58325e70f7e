import type { AssetEvent } from '@freshet/core';

export type SensorStatus = 'waiting' | 'active' | 'paused';

/** An upstream asset whose latest event is a failure. */
export interface AssetFailure {
  asset: string;
  message: string | null;
  eventId: number;
  at: string;
}

/** What the sensor keeps in the store (JSON, dates as ISO text). */
export interface SensorState {
  status: SensorStatus;
  /** Why the sensor is in its status, in words. */
  reason: string;
  /** When the status (or the pause reason) last changed. */
  since: string;
  /** Upstream assets that never succeeded (status `waiting`). */
  waitingFor: string[];
  /** Upstream assets that failed last (status `paused`). */
  failures: AssetFailure[];
  /** The success event a run was last requested for; later successes ask for a new run. */
  lastRequestedEventId: number | null;
  lastRequestedRunKey: string | null;
}

/** A run the sensor asks for; `runKey` makes asking twice start it once. */
export interface SensorRunRequest {
  runKey: string;
  /** The newest upstream success the run answers. */
  eventId: number;
}

export interface SensorTransitionInput {
  from: SensorStatus | null;
  to: SensorStatus;
  reason: string;
}

export interface SensorInputs {
  upstreamAssets: readonly string[];
  /** The latest event of each asset (others' assets are ignored). */
  latestEvents: readonly AssetEvent[];
  now: Date;
}
