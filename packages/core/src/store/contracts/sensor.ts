import type { Json } from '../../json.js';

export interface AssetEvent {
  id: number;
  asset: string;
  status: 'success' | 'failure';
  message: string | null;
  at: Date;
}

export interface SensorStateRow {
  name: string;
  state: Json;
  /** Grows on every save; `saveSensorState` with a stale version fails (compare-and-set). */
  version: number;
  updatedAt: Date;
}

export interface SensorTransition {
  name: string;
  from: string | null;
  to: string;
  reason: string | null;
  at: Date;
}

/** Upstream asset events, and the state and transitions of the sensor that watches them. */
export interface SensorStore {
  appendAssetEvent(event: Omit<AssetEvent, 'id'>): Promise<AssetEvent>;
  listAssetEvents(options?: { asset?: string; limit?: number; since?: Date }): Promise<AssetEvent[]>;
  /** The latest event of each asset. */
  latestAssetEvents(): Promise<AssetEvent[]>;
  getSensorState(name: string): Promise<SensorStateRow | null>;
  /** Compare-and-set on `expectedVersion` (0 for a new row); false when another writer won. */
  saveSensorState(name: string, state: Json, expectedVersion: number, at: Date): Promise<boolean>;
  appendSensorTransition(transition: SensorTransition): Promise<void>;
  listSensorTransitions(name: string, limit?: number): Promise<SensorTransition[]>;
}
