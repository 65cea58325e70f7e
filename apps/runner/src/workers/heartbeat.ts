import type { Clock, Lease, Store } from '@freshet/core';

/** Each live worker holds a lease under this prefix, renewed as its heartbeat. */
export const WORKER_LEASE_PREFIX = 'freshet-worker:';

export interface WorkerInfo {
  workerId: string;
  host: string;
  pid: number;
  /** Partitions it holds leases on now. */
  partitions: string[];
  /** When its heartbeat was last renewed (its lease's expiry less the TTL). */
  lastHeartbeat: Date;
  leader: boolean;
}

/** `host:pid:tag` into its parts; a host name may itself hold colons (IPv6), the pid never. */
export function parseWorkerId(workerId: string): { host: string; pid: number } {
  const parts = workerId.split(':');
  const pid = Number(parts.at(-2));
  return { host: parts.slice(0, -2).join(':'), pid: Number.isInteger(pid) ? pid : 0 };
}

/** The workers with a live heartbeat, from the leases in force, with the partitions each holds. */
export function workersOf(leases: readonly Lease[], ttlMs: number, leaderKey: string): WorkerInfo[] {
  const leader = leases.find((l) => l.partitionKey === leaderKey)?.holder ?? null;
  const heldBy = new Map<string, string[]>();
  for (const lease of leases) {
    if (lease.partitionKey.startsWith(WORKER_LEASE_PREFIX) || lease.partitionKey === leaderKey) continue;
    heldBy.set(lease.holder, [...(heldBy.get(lease.holder) ?? []), lease.partitionKey]);
  }
  return leases
    .filter((l) => l.partitionKey.startsWith(WORKER_LEASE_PREFIX))
    .map((l) => {
      const workerId = l.partitionKey.slice(WORKER_LEASE_PREFIX.length);
      return {
        workerId,
        ...parseWorkerId(workerId),
        partitions: heldBy.get(workerId) ?? [],
        lastHeartbeat: new Date(l.expiresAt.getTime() - ttlMs),
        leader: leader === workerId,
      };
    });
}

export interface Heartbeat {
  /** Renews the worker's lease; false when it had run out and could not be taken again. */
  beat(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Registers the worker and keeps its heartbeat lease; stopping releases it. */
export async function startHeartbeat(options: {
  store: Store;
  workerId: string;
  ttlMs: number;
  clock: Clock;
}): Promise<Heartbeat> {
  const { store, workerId, ttlMs, clock } = options;
  const key = `${WORKER_LEASE_PREFIX}${workerId}`;
  const beat = async () => (await store.acquireLease(key, workerId, ttlMs, clock.now())) !== null;
  await beat();
  return {
    beat,
    stop: () => store.releaseLease(key, workerId),
  };
}
