import { describe, expect } from 'vitest';
import { manualClock } from '../test-support/clock.js';
import { projectTest as it } from '../test-support/store.js';
import { fleetStatus } from '../views/fleet.js';
import { startHeartbeat } from './heartbeat.js';
import { createLeadership, LEADER_LEASE_KEY } from './leadership.js';

describe('fleet leadership and heartbeats', () => {
  it('lets one worker lead; another takes over only once the lease ran out, and the first then follows', async ({
    project,
  }) => {
    const clock = manualClock('2025-03-20T12:00:00Z');
    const { store } = project;
    const a = createLeadership({ store, workerId: 'h1:10:aaaa', ttlMs: 30_000, clock });
    const b = createLeadership({ store, workerId: 'h2:20:bbbb', ttlMs: 30_000, clock });
    expect(await a.claim()).toBe(true);
    expect(await b.claim()).toBe(false);
    clock.advance(20_000);
    expect(await a.claim()).toBe(true); // renewed until 12:00:50
    clock.advance(20_000);
    expect(await b.claim()).toBe(false);
    // `a` stands still past its lease (paused); `b` takes over.
    clock.advance(31_000);
    expect(await b.claim()).toBe(true);
    expect(await a.claim()).toBe(false);
    expect(a.leading).toBe(false);
    await b.release();
    expect(await a.claim()).toBe(true);
  });

  it('shows each live worker with its host, pid, partitions held, heartbeat and the leader', async ({
    project,
  }) => {
    const clock = manualClock('2025-03-20T12:00:00Z');
    const { store } = project;
    const one = await startHeartbeat({ store, workerId: 'h1:10:aaaa', ttlMs: 30_000, clock });
    await startHeartbeat({ store, workerId: 'fe80::1:20:bbbb', ttlMs: 30_000, clock });
    await createLeadership({ store, workerId: 'h1:10:aaaa', ttlMs: 30_000, clock }).claim();
    await store.acquireLease('nih:project_week_2025-W10', 'h1:10:aaaa', 60_000, clock.now());
    clock.advance(5_000);
    await one.beat();

    const fleet = fleetStatus(await store.listLeases(clock.now()), 10, 'in-process');
    expect(fleet.leader).toBe('h1:10:aaaa');
    expect(fleet.workers).toEqual([
      {
        workerId: 'fe80::1:20:bbbb',
        host: 'fe80::1',
        pid: 20,
        partitions: [],
        lastHeartbeat: '2025-03-20T12:00:00.000Z',
        leader: false,
      },
      {
        workerId: 'h1:10:aaaa',
        host: 'h1',
        pid: 10,
        partitions: ['nih:project_week_2025-W10'],
        lastHeartbeat: '2025-03-20T12:00:05.000Z',
        leader: true,
      },
    ]);
    expect(fleet.workers.flatMap((w) => w.partitions)).not.toContain(LEADER_LEASE_KEY);
    await one.stop();
    expect(
      fleetStatus(await store.listLeases(clock.now()), 10, 'in-process').workers.map((w) => w.workerId),
    ).toEqual(['fe80::1:20:bbbb']);
  });
});
