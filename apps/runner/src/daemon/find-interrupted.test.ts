import type { RunRow } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireRunLock } from '../runs/run-lock.js';
import { manualClock } from '../test-support/clock.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { findInterruptedRun, resumeRunKey } from './find-interrupted.js';

let project: TempProject;
const clock = manualClock('2025-03-20T12:00:00Z');
beforeEach(async () => {
  project = await tempProject();
});
afterEach(async () => {
  await project.dispose();
});

const addRun = (id: string, status: RunRow['status'], minute: number) =>
  project.store.createRun({
    id,
    runKey: null,
    trigger: 'schedule',
    status,
    scope: {},
    plan: null,
    metadata: {},
    startedAt: new Date(Date.UTC(2025, 2, 20, 12, minute)),
    finishedAt: null,
    error: null,
  });

describe('findInterruptedRun', () => {
  it('finds the latest run when a signal interrupted it, looking past refused ticks', async () => {
    expect(await findInterruptedRun(project.store, clock.now())).toBeNull();
    await addRun('run_a', 'interrupted', 1);
    await addRun('run_b', 'refused', 2);
    expect((await findInterruptedRun(project.store, clock.now()))?.id).toBe('run_a');
    expect(resumeRunKey('run_a')).toBe('resume:run_a');
  });

  it('finds a run left running by a dead process, but not one that holds the run lock', async () => {
    await addRun('run_a', 'running', 1);
    const lock = await acquireRunLock({ store: project.store, runId: 'run_a', ttlMs: 60_000, clock });
    expect(await findInterruptedRun(project.store, clock.now())).toBeNull();
    await lock?.release();
    expect((await findInterruptedRun(project.store, clock.now()))?.id).toBe('run_a');
  });

  it('finds nothing once a later run finished', async () => {
    await addRun('run_a', 'interrupted', 1);
    await addRun('run_b', 'succeeded', 2);
    expect(await findInterruptedRun(project.store, clock.now())).toBeNull();
  });
});
