import { plan } from '../planner/plan.js';
import { exampleWindow } from '../planner/scope.js';
import type { Plan, RunScope } from '../planner/types.js';
import { refreshSensor } from '../sensor/sensor.js';
import type { SensorState } from '../sensor/types.js';
import type { ViewProject } from './project.js';

export interface LaunchSourceOption {
  id: string;
  /** A window this source accepts, for the placeholder: `2025-W12..2025-W16`. */
  exampleWindow: string;
}

export interface LaunchPreview {
  plan: Plan;
  sensor: SensorState;
}

export { exampleWindow };

export function launchSources(project: ViewProject): LaunchSourceOption[] {
  return project.config.sources
    .filter((s) => s.enabled)
    .map((s) => ({ id: s.source.id, exampleWindow: exampleWindow(s.source.cohort) }));
}

/**
 * What `freshet plan` with the same scope says, and the sensor's status: the page shows both
 * before the run starts, and asks for the override while the sensor is paused. Throws the
 * CLI's usage errors for a bad scope.
 */
export async function previewLaunch(project: ViewProject, scope: RunScope): Promise<LaunchPreview> {
  const { store, config, clock } = project;
  const [result, sensor] = await Promise.all([
    plan({
      store,
      sources: config.sources,
      scope,
      now: clock.now(),
      schedule: config.schedule,
      rootDir: config.rootDir,
    }),
    refreshSensor({ store, upstreamAssets: config.sensor.upstreamAssets, clock }),
  ]);
  return { plan: result, sensor: sensor.state };
}
