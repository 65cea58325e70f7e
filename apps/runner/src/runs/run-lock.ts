import { hostname } from 'node:os';
import type { Clock, Lease, RunRow, Store } from '@freshet/core';

/**
 * The lease that makes runs take turns on one store. Runs share one state artifact and one
 * daily quota count, so two at once would race on both. Partition keys always hold a ":",
 * so this key never collides with a partition's lease.
 */
export const RUN_LOCK_KEY = 'freshet-run-lock';

/** The run holding the lock at `now`, or null when none does. */
export async function runLockHolder(store: Store, now: Date): Promise<string | null> {
  const leases = await store.listLeases(now);
  return leases.find((lease) => lease.partitionKey === RUN_LOCK_KEY)?.holder ?? null;
}

export interface RunLock {
  /** Renews the lease when a third of its TTL has passed; call it often (every event). */
  keepAlive(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes the run lock for `runId`, or returns null when another run holds it. A timer renews
 * it as well, since one slice can take longer than the TTL when the API throttles.
 */
export async function acquireRunLock(options: {
  store: Store;
  runId: string;
  ttlMs: number;
  clock: Clock;
}): Promise<RunLock | null> {
  const { store, runId, ttlMs, clock } = options;
  if (!(await store.acquireLease(RUN_LOCK_KEY, runId, ttlMs, clock.now()))) return null;
  let renewedAt = clock.now().getTime();
  let released = false;
  let renewing: Promise<void> | null = null;

  const renew = async (): Promise<void> => {
    if (released) return;
    renewedAt = clock.now().getTime();
    await store.acquireLease(RUN_LOCK_KEY, runId, ttlMs, clock.now());
  };
  const timer = setInterval(
    () => {
      renewing ??= renew()
        .catch(() => {})
        .finally(() => {
          renewing = null;
        });
    },
    Math.max(1000, Math.floor(ttlMs / 3)),
  );
  timer.unref();

  return {
    async keepAlive() {
      if (released || clock.now().getTime() - renewedAt < ttlMs / 3) return;
      renewing ??= renew().finally(() => {
        renewing = null;
      });
      await renewing;
    },
    async release() {
      released = true;
      clearInterval(timer);
      await renewing?.catch(() => {});
      await store.releaseLease(RUN_LOCK_KEY, runId);
    },
  };
}

/** This process, as recorded in a run's metadata. */
export function thisProcess(): { host: string; pid: number } {
  return { host: hostname(), pid: process.pid };
}

/**
 * When the run holding the lock was started by a process on this host that no longer exists
 * (killed, crashed), frees its run lock and partition leases at once instead of making every
 * later run wait out the TTL. A holder on another host, or one whose process lives, is kept.
 */
export async function releaseDeadHolder(store: Store, now: Date): Promise<boolean> {
  const holder = await runLockHolder(store, now);
  if (holder === null) return false;
  if (!diedOnThisHost(await store.getRun(holder))) return false;
  const leases = await store.listLeases(now);
  for (const lease of leases.filter((l) => l.holder === holder)) {
    await store.releaseLease(lease.partitionKey, holder);
  }
  return true;
}

/**
 * Whether the run's process is alive, as far as this host can tell: `dead` or `alive` for a
 * process of this host, `unknown` for another host's (or a run that did not record its process).
 */
export function runProcessState(run: RunRow | null): 'dead' | 'alive' | 'unknown' {
  const owner = (run?.metadata as { process?: { host?: unknown; pid?: unknown } } | null)?.process;
  if (!owner || owner.host !== hostname() || typeof owner.pid !== 'number') return 'unknown';
  return isAlive(owner.pid) ? 'alive' : 'dead';
}

/** True when the run was started by a process on this host that no longer exists. */
export function diedOnThisHost(run: RunRow | null): boolean {
  return runProcessState(run) === 'dead';
}

/**
 * The live leases, less those whose holder died on this host: they are free for any new run
 * (which releases them when it starts), so a plan need not show them as taken.
 */
export async function liveLeases(store: Store, now: Date): Promise<Lease[]> {
  const leases = await store.listLeases(now);
  const holders = [...new Set(leases.map((l) => l.holder))];
  const dead = new Set<string>();
  for (const holder of holders) {
    if (diedOnThisHost(await store.getRun(holder))) dead.add(holder);
  }
  return leases.filter((l) => !dead.has(l.holder));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
