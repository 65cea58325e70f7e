import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock, Lease, Store } from '@freshet/core';

/**
 * The lease one daemon holds on a store: two daemons would each tick the schedule and the
 * sensor and fight over every run. Partition keys always hold a ":", so this key never
 * collides with a partition's lease.
 */
export const DAEMON_LEASE_KEY = 'freshet-daemon';

/** `host:pid:3f9a`: names the process in messages; the suffix tells restarts apart. */
export function daemonHolder(): string {
  return `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;
}

/**
 * Long enough to survive a tick or two that run late, short enough that a daemon which died
 * without releasing it blocks the next start for minutes at most.
 */
export function daemonLeaseTtlMs(intervalSeconds: number): number {
  return Math.max(30_000, 3 * intervalSeconds * 1000);
}

export interface DaemonLease {
  holder: string;
  ttlMs: number;
  /** Renews the lease; false when it was lost (it expired and another daemon took it). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export type DaemonLeaseResult = { lease: DaemonLease } | { heldBy: Lease };

/** Takes the daemon lease, or says who holds it. A dead holder's lease expires after its TTL. */
export async function acquireDaemonLease(options: {
  store: Store;
  holder: string;
  ttlMs: number;
  clock: Clock;
}): Promise<DaemonLeaseResult> {
  const { store, holder, ttlMs, clock } = options;
  const grant = await store.acquireLease(DAEMON_LEASE_KEY, holder, ttlMs, clock.now());
  if (!grant) {
    const leases = await store.listLeases(clock.now());
    const heldBy = leases.find((l) => l.partitionKey === DAEMON_LEASE_KEY);
    // Released between the two calls: report it as held for a moment rather than race again.
    return {
      heldBy: heldBy ?? {
        partitionKey: DAEMON_LEASE_KEY,
        holder: 'another daemon',
        expiresAt: clock.now(),
        token: 0,
      },
    };
  }
  let released = false;
  return {
    lease: {
      holder,
      ttlMs,
      renew: async () =>
        !released && store.renewLease(DAEMON_LEASE_KEY, holder, grant.token, ttlMs, clock.now()),
      async release() {
        released = true;
        await store.releaseLease(DAEMON_LEASE_KEY, holder);
      },
    },
  };
}
