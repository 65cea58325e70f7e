import type { Clock, Store } from '@freshet/core';
import { DAEMON_LEASE_KEY } from '../daemon/daemon-lease.js';

/** The fleet's one leader holds the daemon's lease: a `freshet daemon` and a fleet never both tick. */
export const LEADER_LEASE_KEY = DAEMON_LEASE_KEY;

export interface Leadership {
  /** Takes or keeps the leader lease; true while this worker leads. */
  claim(): Promise<boolean>;
  readonly leading: boolean;
  release(): Promise<void>;
}

/**
 * Leadership by lease: a worker that finds it free takes it and keeps it by renewing its
 * token; one whose renewal fails (it was paused past the lease, and another took over) is a
 * follower again from then on.
 */
export function createLeadership(options: {
  store: Store;
  workerId: string;
  ttlMs: number;
  clock: Clock;
}): Leadership {
  const { store, workerId, ttlMs, clock } = options;
  let token: number | null = null;
  return {
    async claim() {
      if (token !== null && (await store.renewLease(LEADER_LEASE_KEY, workerId, token, ttlMs, clock.now()))) {
        return true;
      }
      token = (await store.acquireLease(LEADER_LEASE_KEY, workerId, ttlMs, clock.now()))?.token ?? null;
      return token !== null;
    },
    get leading() {
      return token !== null;
    },
    async release() {
      if (token === null) return;
      token = null;
      await store.releaseLease(LEADER_LEASE_KEY, workerId);
    },
  };
}
