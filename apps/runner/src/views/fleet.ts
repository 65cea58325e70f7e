import type { Lease } from '@freshet/core';
import { daemonLeaseTtlMs } from '../daemon/daemon-lease.js';
import { workersOf } from '../workers/heartbeat.js';
import { LEADER_LEASE_KEY } from '../workers/leadership.js';

export type FleetStatus = {
  /** The limiter kind every process should share: `memory` (one host) or a plugin's. */
  limiter: string;
  /** Who holds the leader lease (a worker, or a `freshet daemon`), if anyone. */
  leader: string | null;
  workers: Array<{
    workerId: string;
    host: string;
    pid: number;
    partitions: string[];
    lastHeartbeat: string;
    leader: boolean;
  }>;
};

/** The workers with a live heartbeat and the leader, from the leases in force. */
export function fleetStatus(
  leases: readonly Lease[],
  sensorIntervalSeconds: number,
  limiter: string,
): FleetStatus {
  const ttlMs = daemonLeaseTtlMs(sensorIntervalSeconds);
  return {
    limiter,
    leader: leases.find((l) => l.partitionKey === LEADER_LEASE_KEY)?.holder ?? null,
    workers: workersOf(leases, ttlMs, LEADER_LEASE_KEY).map((w) => ({
      ...w,
      lastHeartbeat: w.lastHeartbeat.toISOString(),
    })),
  };
}
