import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportAssetEvent } from '../assets/report.js';
import { acquireRunLock } from '../runs/run-lock.js';
import { type ManualClock, manualClock } from '../test-support/clock.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { LAST_TICK_META_KEY, type ScheduledRunRequest, scheduleTick } from './schedule-tick.js';

let project: TempProject;
let clock: ManualClock;
let started: ScheduledRunRequest[];
const upstreamAssets = ['bulk_enrichment'];
const schedule = { cron: '0 2 * * *', timezone: 'UTC' };

beforeEach(async () => {
  project = await tempProject();
  clock = manualClock('2025-03-18T12:00:00Z');
  started = [];
});
afterEach(async () => {
  await project.dispose();
});

const tick = () =>
  scheduleTick({
    store: project.store,
    schedule,
    upstreamAssets,
    clock,
    startRun: async (request) => {
      started.push(request);
    },
  });

describe('scheduleTick', () => {
  it('remembers the time on a first start and runs nothing', async () => {
    const result = await tick();
    expect(result.decision).toEqual({ action: 'none' });
    expect(result.nextTick?.toISOString()).toBe('2025-03-19T02:00:00.000Z');
    expect(await project.store.getMeta(LAST_TICK_META_KEY)).toBe('2025-03-18T12:00:00.000Z');
  });

  it('runs once at start-up for ticks missed while down, then waits for the next', async () => {
    await reportAssetEvent(project.store, { asset: 'bulk_enrichment', status: 'success' }, clock);
    await tick();
    clock.set('2025-03-21T09:00:00Z'); // down over three nightly ticks
    const result = await tick();
    expect(result.decision).toMatchObject({ action: 'start', missed: 2 });
    expect(started).toEqual([
      { runKey: 'schedule:2025-03-21T02:00:00.000Z', tick: new Date('2025-03-21T02:00:00Z'), missed: 2 },
    ]);
    expect((await tick()).decision).toEqual({ action: 'none' });
    expect(started).toHaveLength(1);
    expect(await project.store.getMeta(LAST_TICK_META_KEY)).toBe('2025-03-21T02:00:00.000Z');
  });

  it('records a refused run when the sensor is not active', async () => {
    await tick();
    await reportAssetEvent(
      project.store,
      { asset: 'bulk_enrichment', status: 'failure', message: 'oom' },
      clock,
    );
    clock.set('2025-03-19T02:00:05Z');
    const result = await tick();
    expect(result.decision).toMatchObject({ action: 'skip', reason: 'sensor_not_active' });
    expect(started).toHaveLength(0);
    const [run] = await project.store.listRuns();
    expect(run).toMatchObject({
      trigger: 'schedule',
      status: 'refused',
      runKey: 'schedule:2025-03-19T02:00:00.000Z',
      error: { code: 'SENSOR_NOT_ACTIVE', message: expect.stringContaining('oom') },
    });
  });

  it('records a refused run when a tick comes while a run is still going', async () => {
    await reportAssetEvent(project.store, { asset: 'bulk_enrichment', status: 'success' }, clock);
    await tick();
    const lock = await acquireRunLock({ store: project.store, runId: 'run_long', ttlMs: 86_400_000, clock });
    clock.set('2025-03-19T02:00:00Z');
    expect((await tick()).decision).toMatchObject({ action: 'skip', reason: 'run_in_progress' });
    const [run] = await project.store.listRuns({ status: 'refused' });
    expect(run?.error).toEqual({ code: 'RUN_IN_PROGRESS', message: expect.stringContaining('run_long') });
    await lock?.release();
  });

  it('starts a repeated tick once: its run key is the tick', async () => {
    await reportAssetEvent(project.store, { asset: 'bulk_enrichment', status: 'success' }, clock);
    await tick();
    clock.set('2025-03-19T02:00:00Z');
    const startOnce = () =>
      scheduleTick({
        store: project.store,
        schedule,
        upstreamAssets,
        clock,
        startRun: (request) =>
          project.store.createRun({
            id: `run_${Math.random()}`,
            runKey: request.runKey,
            trigger: 'schedule',
            status: 'running',
            scope: {},
            plan: null,
            metadata: {},
            startedAt: clock.now(),
            finishedAt: null,
            error: null,
          }),
      });
    await startOnce();
    // A crash after starting, before the tick was remembered, repeats the same start.
    await project.store.setMeta(LAST_TICK_META_KEY, '2025-03-18T12:00:00.000Z');
    await startOnce();
    const runs = await project.store.listRuns();
    expect(runs.map((r) => r.runKey)).toEqual(['schedule:2025-03-19T02:00:00.000Z']);
  });
});
