import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../test-support/clock.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { acquireRunLock, RUN_LOCK_KEY, runLockHolder } from './run-lock.js';

let project: TempProject;
beforeEach(async () => {
  project = await tempProject();
});
afterEach(async () => {
  await project.dispose();
});

describe('the run lock', () => {
  it('lets one run hold it at a time, renews it while the run works, and frees it on release', async () => {
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

  it('is taken over once a dead run’s lease expires', async () => {
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
