import type { ResolvedConfig } from '@freshet/core';
import { nih } from '@freshet/source-nih';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reportAssetEvent } from '../assets/report.js';
import { EMPTY_SCOPE } from '../planner/types.js';
import { scheduleTick } from '../schedule/schedule-tick.js';
import { tickSensor } from '../sensor/sensor.js';
import { type ManualClock, manualClock } from '../test-support/clock.js';
import { testConfig } from '../test-support/config.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { executeRun } from './execute-run.js';

let sim: NihSimulator;
let project: TempProject;
let config: ResolvedConfig;
let clock: ManualClock;

beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 2, projectsPerWeek: 40, rateLimit: null });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  project = await tempProject();
  clock = manualClock('2025-03-20T12:00:00Z');
  // The real NIH adapter against the simulator, with a quota fit for tests.
  config = await testConfig(project.dir, [
    {
      source: nih({ baseUrl: sim.baseUrl, activityCodes: ['R43', 'R44', 'R01'], limit: 10 }),
      range: '2024-W01..2024-W02',
      quota: { requestsPerInterval: 1000, maxConcurrent: 2, retry: { baseDelayMs: 1, maxDelayMs: 5 } },
    },
  ]);
});
afterEach(async () => {
  await project.dispose();
});

const startRun = (trigger: 'sensor' | 'schedule', runKey: string) =>
  executeRun({ store: project.store, config, trigger, runKey, scope: EMPTY_SCOPE, clock });

describe('runs started by the sensor and the schedule (real NIH adapter)', () => {
  it('the sensor starts one run per upstream success, however often it ticks', async () => {
    const tick = () =>
      tickSensor({
        store: project.store,
        upstreamAssets: config.sensor.upstreamAssets,
        clock,
        requestRun: (request) => startRun('sensor', request.runKey),
      });
    await tick();
    expect(await project.store.listRuns()).toEqual([]);

    const success = await reportAssetEvent(
      project.store,
      { asset: 'bulk_enrichment', status: 'success' },
      clock,
    );
    await tick();
    await tick();
    const runs = await project.store.listRuns();
    expect(runs.map((r) => [r.trigger, r.status, r.runKey])).toEqual([
      ['sensor', 'succeeded', `sensor:${success.id}`],
    ]);
    const partitions = await project.store.listRunPartitions(runs[0]!.id);
    expect(partitions.map((p) => [p.partitionKey, p.status])).toEqual([
      ['nih:project_week_2024-W01', 'complete'],
      ['nih:project_week_2024-W02', 'complete'],
    ]);
    expect(await project.store.countRecords({ source: 'nih' })).toBeGreaterThan(0);
  });

  it('the schedule runs a missed tick once at start-up, only while the sensor is active', async () => {
    const tick = () =>
      scheduleTick({
        store: project.store,
        schedule: config.schedule,
        upstreamAssets: config.sensor.upstreamAssets,
        clock,
        startRun: (request) => startRun('schedule', request.runKey),
      });
    await tick();
    clock.set('2025-03-21T03:00:00Z');
    await tick();
    const [refused] = await project.store.listRuns();
    expect(refused).toMatchObject({ status: 'refused', error: { code: 'SENSOR_NOT_ACTIVE' } });

    await reportAssetEvent(project.store, { asset: 'bulk_enrichment', status: 'success' }, clock);
    clock.set('2025-03-24T09:00:00Z'); // down over three ticks
    await tick();
    const runs = await project.store.listRuns();
    expect(runs.map((r) => [r.trigger, r.status, r.runKey])).toEqual([
      ['schedule', 'succeeded', 'schedule:2025-03-24T02:00:00.000Z'],
      ['schedule', 'refused', 'schedule:2025-03-21T02:00:00.000Z'],
    ]);
    expect(runs[0]?.metadata).toMatchObject({
      slaGapsClosed: [{ reason: 'never_run' }, { reason: 'never_run' }],
    });
  });
});
