import { hostname } from 'node:os';
import type { RunRow } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ManualClock, manualClock } from '../test-support/clock.js';
import { addRunningRun, deadPid } from '../test-support/running-run.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { interruptDeadRuns } from './dead-runs.js';

let project: TempProject;
let clock: ManualClock;
beforeEach(async () => {
  project = await tempProject();
  clock = manualClock('2025-03-20T12:00:00Z');
});
afterEach(async () => {
  await project.dispose();
});

const addRunning = (id: string, holder: { host: string; pid: number } | null) =>
  addRunningRun(project.store, id, holder, clock.now());
const statusOf = async (id: string) => (await project.store.getRun(id)) as RunRow;

describe('interruptDeadRuns', () => {
  it('marks a run whose process died on this host interrupted, with the reason, and frees its leases', async () => {
    const pid = deadPid();
    await addRunning('run_dead', { host: hostname(), pid });
    await addRunning('run_live', { host: hostname(), pid: process.pid });
    await project.store.acquireLease('nih:project_week_2025-W09', 'run_dead', 60_000, clock.now());

    const marked = await interruptDeadRuns({ store: project.store, clock, noticedBy: 'run run_next' });
    expect(marked.map((r) => r.id)).toEqual(['run_dead']);
    expect(await statusOf('run_dead')).toMatchObject({
      status: 'interrupted',
      finishedAt: clock.now(),
      error: {
        code: 'ABORTED',
        message: expect.stringContaining(`its process (pid ${pid} on ${hostname()}) is gone`),
      },
    });
    expect((await statusOf('run_dead')).error?.message).toContain('noticed by run run_next');
    expect(await project.store.listLeases(clock.now())).toEqual([]);
    expect((await statusOf('run_live')).status).toBe('running');
  });

  it('marks another host’s run only once it held no lease for longer than the lease TTL', async () => {
    await addRunning('run_far', { host: 'elsewhere.example', pid: 1 });
    await addRunning('run_far_leased', { host: 'elsewhere.example', pid: 2 });
    await project.store.acquireLease('nih:project_week_2025-W09', 'run_far_leased', 600_000, clock.now());
    const tick = () =>
      interruptDeadRuns({ store: project.store, clock, noticedBy: 'the daemon', leaselessAfterMs: 60_000 });

    expect(await tick()).toEqual([]);
    // Without a TTL, only this host's processes can be judged.
    clock.advance(120_000);
    expect(await interruptDeadRuns({ store: project.store, clock, noticedBy: 'the daemon' })).toEqual([]);
    expect((await tick()).map((r) => r.id)).toEqual(['run_far']);
    expect((await statusOf('run_far')).error?.message).toContain(
      'it has held no lease since its lease expired',
    );
    expect((await statusOf('run_far_leased')).status).toBe('running');
  });
});
