import type { AssetEvent, SensorTransition } from '@freshet/core';
import { refreshSensor, SENSOR_NAME } from '../sensor/sensor.js';
import type { SensorState } from '../sensor/types.js';
import type { ViewProject } from './project.js';

export interface AssetsView {
  upstreamAssets: string[];
  sensor: SensorState;
  /** The latest event of each asset, watched or not. */
  latest: AssetEvent[];
  events: AssetEvent[];
  transitions: SensorTransition[];
}

/** Upstream asset events and what the sensor made of them (the data of `freshet sensor status`). */
export async function loadAssetsView(project: ViewProject, limit = 100): Promise<AssetsView> {
  const { store, config, clock } = project;
  const sensor = await refreshSensor({ store, upstreamAssets: config.sensor.upstreamAssets, clock });
  const [latest, events, transitions] = await Promise.all([
    store.latestAssetEvents(),
    store.listAssetEvents({ limit }),
    store.listSensorTransitions(SENSOR_NAME, 20),
  ]);
  return { upstreamAssets: config.sensor.upstreamAssets, sensor: sensor.state, latest, events, transitions };
}
