import { describe, expect } from 'vitest';
import { manualClock } from '../test-support/clock.js';
import { projectTest } from '../test-support/store.js';
import { acquireDaemonLease, DAEMON_LEASE_KEY, daemonHolder, daemonLeaseTtlMs } from './daemon-lease.js';

const it = projectTest;

describe('the daemon lease', () => {
  it('lets one daemon hold it; a second is told who holds it and until when', async ({ project }) => {
    const clock = manualClock('2025-03-20T12:00:00Z');
    const store = project.store;
    const first = await acquireDaemonLease({ store, holder: 'host:1:aaaa', ttlMs: 30_000, clock });
    expect('lease' in first).toBe(true);
    const second = await acquireDaemonLease({ store, holder: 'host:2:bbbb', ttlMs: 30_000, clock });
    expect(second).toEqual({
      heldBy: {
        partitionKey: DAEMON_LEASE_KEY,
        holder: 'host:1:aaaa',
        expiresAt: new Date('2025-03-20T12:00:30Z'),
        token: expect.any(Number),
      },
    });
    if (!('lease' in first)) throw new Error('unreachable');
    await first.lease.release();
    expect(
      'lease' in (await acquireDaemonLease({ store, holder: 'host:2:bbbb', ttlMs: 30_000, clock })),
    ).toBe(true);
  });

  it('stays held while renewed, expires when its holder dies, and tells a renewing loser it lost', async ({
    project,
  }) => {
    const clock = manualClock();
    const store = project.store;
    const first = await acquireDaemonLease({ store, holder: 'host:1:aaaa', ttlMs: 30_000, clock });
    if (!('lease' in first)) throw new Error('expected the lease');
    clock.advance(20_000);
    expect(await first.lease.renew()).toBe(true);
    clock.advance(20_000);
    expect('heldBy' in (await acquireDaemonLease({ store, holder: 'host:2:b', ttlMs: 30_000, clock }))).toBe(
      true,
    );
    // The holder stops renewing (it died): past the TTL another daemon takes over.
    clock.advance(30_001);
    const next = await acquireDaemonLease({ store, holder: 'host:2:b', ttlMs: 30_000, clock });
    expect('lease' in next).toBe(true);
    expect(await first.lease.renew()).toBe(false);
  });

  it('names the process, and lasts three sensor intervals but at least 30 s', () => {
    expect(daemonHolder()).toMatch(new RegExp(`^.+:${process.pid}:[0-9a-f]{4}$`));
    expect(daemonLeaseTtlMs(60)).toBe(180_000);
    expect(daemonLeaseTtlMs(1)).toBe(30_000);
  });
});
