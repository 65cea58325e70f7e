import { hostname } from 'node:os';
import { describe, expect } from 'vitest';
import { manualClock } from '../test-support/clock.js';
import { projectTest } from '../test-support/store.js';
import { acquireRunLock, RUN_LOCK_KEY, releaseDeadHolder, runLockHolder } from './run-lock.js';

const it = projectTest;

describe('the run lock', () => {
  it('lets one run hold it at a time, renews it while the run works, and frees it on release', async ({
    project,
  }) => {
    const clock = manualClock();
    const store = project.store;
    const first = await acquireRunLock({ store, runId: 'run_a', ttlMs: 30_000, clock });
    expect(first).not.toBeNull();
    expect(await acquireRunLock({ store, runId: 'run_b', ttlMs: 30_000, clock })).toBeNull();
    expect(await runLockHolder(store, clock.now())).toBe('run_a');

    // Past a third of the TTL, keepAlive renews: the lease outlives the original expiry.
    clock.advance(20_000);
    await first?.keepAlive();
    clock.advance(20_000);
    expect(await runLockHolder(store, clock.now())).toBe('run_a');

    await first?.release();
    expect(await runLockHolder(store, clock.now())).toBeNull();
    expect((await store.listLeases(clock.now())).map((l) => l.partitionKey)).not.toContain(RUN_LOCK_KEY);
  });

  it('is taken over once a dead run’s lease expires', async ({ project }) => {
    const clock = manualClock();
    const dead = await acquireRunLock({ store: project.store, runId: 'run_dead', ttlMs: 30_000, clock });
    clock.advance(30_001);
    const next = await acquireRunLock({ store: project.store, runId: 'run_next', ttlMs: 30_000, clock });
    expect(next).not.toBeNull();
    await next?.release();
    // The dead run's own release must not free someone else's lock.
    await dead?.release();
  });
});

describe('a run lock held by a dead process', () => {
  const deadPid = async (): Promise<number> => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.on('exit', resolve));
    return child.pid!;
  };
  const runBy = (id: string, process: { host: string; pid: number }) => ({
    id,
    runKey: null,
    trigger: 'manual' as const,
    status: 'running' as const,
    scope: {},
    plan: null,
    metadata: { process },
    startedAt: new Date(0),
    finishedAt: null,
    error: null,
  });

  it('is freed at once with its partition leases when its process is gone from this host', async ({
    project,
  }) => {
    const clock = manualClock();
    const store = project.store;
    await store.createRun(runBy('run_dead', { host: hostname(), pid: await deadPid() }));
    await acquireRunLock({ store, runId: 'run_dead', ttlMs: 300_000, clock });
    await store.acquireLease('nih:project_week_2025-W10', 'run_dead', 300_000, clock.now());
    await store.acquireLease('nih:project_week_2025-W11', 'run_other', 300_000, clock.now());

    expect(await releaseDeadHolder(store, clock.now())).toBe(true);
    expect(await runLockHolder(store, clock.now())).toBeNull();
    expect((await store.listLeases(clock.now())).map((l) => l.holder)).toEqual(['run_other']);
    expect(await acquireRunLock({ store, runId: 'run_next', ttlMs: 300_000, clock })).not.toBeNull();
  });

  it('is kept while its process lives, or when it ran on another host', async ({ project }) => {
    const clock = manualClock();
    const store = project.store;
    await store.createRun(runBy('run_live', { host: hostname(), pid: process.pid }));
    await acquireRunLock({ store, runId: 'run_live', ttlMs: 300_000, clock });
    expect(await releaseDeadHolder(store, clock.now())).toBe(false);
    expect(await runLockHolder(store, clock.now())).toBe('run_live');

    await store.releaseLease(RUN_LOCK_KEY, 'run_live');
    await store.createRun(runBy('run_far', { host: `${hostname()}-elsewhere`, pid: await deadPid() }));
    await acquireRunLock({ store, runId: 'run_far', ttlMs: 300_000, clock });
    expect(await releaseDeadHolder(store, clock.now())).toBe(false);
    expect(await runLockHolder(store, clock.now())).toBe('run_far');
  });
});
