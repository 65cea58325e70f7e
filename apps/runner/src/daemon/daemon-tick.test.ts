import type { ResolvedConfig } from '@freshet/core';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reportAssetEvent } from '../assets/report.js';
import { EMPTY_SCOPE } from '../planner/types.js';
import { executeRun } from '../runs/execute-run.js';
import { type ManualClock, manualClock } from '../test-support/clock.js';
import { testConfig } from '../test-support/config.js';
import { nihLikeSource } from '../test-support/nih-like-source.js';
import { weekSource } from '../test-support/sources.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { daemonTick } from './daemon-tick.js';
import { createRunLauncher, type RunLauncher } from './run-launcher.js';

let sim: NihSimulator;
let project: TempProject;
let config: ResolvedConfig;
let clock: ManualClock;
let launcher: RunLauncher;

beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 2, projectsPerWeek: 20, rateLimit: null });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  project = await tempProject();
  clock = manualClock('2025-03-20T12:00:00Z');
  config = await testConfig(project.dir, [
    { source: nihLikeSource({ baseUrl: sim.baseUrl, range: '2024-W01..2024-W02' }) },
  ]);
  launcher = launcherFor(config);
});
afterEach(async () => {
  await launcher.idle();
  await project.dispose();
});

function launcherFor(cfg: ResolvedConfig): RunLauncher {
  return createRunLauncher({
    execute: (request) =>
      executeRun({ store: project.store, config: cfg, scope: EMPTY_SCOPE, clock, ...request }),
  });
}

const tick = (startUp = false) => daemonTick({ store: project.store, config, clock, launcher, startUp });
const success = () => reportAssetEvent(project.store, { asset: 'bulk_enrichment', status: 'success' }, clock);
const runs = async () =>
  (await project.store.listRuns()).map((r) => [r.trigger, r.status, r.runKey, r.error?.code ?? null]);

describe('daemonTick', () => {
  it('starts one sensor run per upstream success, in the background', async () => {
    expect((await tick(true)).sensor).toMatchObject({ status: 'waiting', requested: null });
    const event = await success();
    const report = await tick();
    expect(report.sensor).toMatchObject({
      status: 'active',
      requested: `sensor:${event.id}`,
      deferred: null,
    });
    await launcher.idle();
    expect(await runs()).toEqual([['sensor', 'succeeded', `sensor:${event.id}`, null]]);
    expect((await tick()).sensor.requested).toBeNull();
    await launcher.idle();
    expect(await runs()).toHaveLength(1);
  });

  it('runs the newest missed schedule tick at start-up; the sensor waits for that run to end', async () => {
    expect((await tick(true)).schedule.decision).toEqual({ action: 'none' });
    const event = await success();
    clock.set('2025-03-22T03:00:00Z'); // the daemon was down over two nightly ticks
    const first = await tick(true);
    expect(first.schedule.decision).toMatchObject({
      action: 'start',
      runKey: 'schedule:2025-03-22T02:00:00.000Z',
      missed: 1,
    });
    expect(first.sensor).toMatchObject({ requested: null, deferred: `sensor:${event.id}` });
    expect(first.resumed).toBeNull();
    await launcher.idle();
    const next = await tick();
    expect(next.sensor.requested).toBe(`sensor:${event.id}`);
    await launcher.idle();
    expect(await runs()).toEqual([
      ['sensor', 'succeeded', `sensor:${event.id}`, null],
      ['schedule', 'succeeded', 'schedule:2025-03-22T02:00:00.000Z', null],
    ]);
  });

  it('skips a schedule tick that comes while a run is going, and records why', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const slow = weekSource('nih', {
      fetchSlice: async () => {
        await gate;
        return { records: [], cursor: null, done: true };
      },
    });
    config = await testConfig(project.dir, [{ source: slow, range: '2025-W10..2025-W10' }]);
    launcher = launcherFor(config);
    clock.set('2025-03-20T01:59:50Z');
    await success();
    expect((await tick(true)).sensor.requested).toMatch(/^sensor:/);
    clock.set('2025-03-20T02:00:05Z');
    const during = await tick();
    expect(during.schedule.decision).toMatchObject({ action: 'skip', reason: 'run_in_progress' });
    expect(during.runsInFlight).toBe(1);
    open();
    await launcher.idle();
    const [refused] = await project.store.listRuns({ status: 'refused' });
    expect(refused).toMatchObject({
      trigger: 'schedule',
      runKey: 'schedule:2025-03-20T02:00:00.000Z',
      error: { code: 'RUN_IN_PROGRESS' },
    });
  });

  it('resumes at start-up a run the last daemon left interrupted, once', async () => {
    await success();
    await project.store.createRun({
      id: 'run_stopped',
      runKey: 'sensor:0',
      trigger: 'sensor',
      status: 'interrupted',
      scope: {},
      plan: null,
      metadata: {},
      startedAt: new Date('2025-03-20T11:00:00Z'),
      finishedAt: new Date('2025-03-20T11:05:00Z'),
      error: null,
    });
    const report = await tick(true);
    expect(report.resumed).toEqual({ runId: 'run_stopped', runKey: 'resume:run_stopped' });
    await launcher.idle();
    expect((await tick(true)).resumed).toBeNull();
    await launcher.idle();
    const resumed = (await project.store.listRuns()).filter((r) => r.runKey === 'resume:run_stopped');
    expect(resumed).toMatchObject([
      { trigger: 'sensor', status: 'succeeded', metadata: { trigger: { resumes: 'run_stopped' } } },
    ]);
  });
});
