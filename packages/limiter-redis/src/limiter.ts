import { setTimeout as sleep } from 'node:timers/promises';
import {
  createDailyBudget,
  type Limiter,
  type LimiterOptions,
  silentLogger,
  systemClock,
} from '@freshet/core';
import type { SharedConnection } from './connection.js';
import { aborted, reasonOf } from './errors.js';
import { startFreezeWatch } from './freeze-watch.js';
import { PendingJob } from './pending-job.js';
import type { BottleneckSettings } from './settings.js';
import type { SharedPause } from './shared-pause.js';
import type { SourceBottleneck } from './source-bottleneck.js';

/** What the factory hands each limiter of a source. */
export interface SharedLimiterParts {
  connection: SharedConnection;
  bottleneck: SourceBottleneck;
  pause: SharedPause;
  settings: BottleneckSettings;
  /** Called once stop() has finished. */
  onStopped?: () => void;
}

/** A limiter, plus what its factory needs to give up its waiting jobs. */
export interface SharedLimiter extends Limiter {
  /** Gives up every job not yet started with `error` (Redis lost, factory closed). */
  failWaiting(error: (sourceId: string) => unknown): void;
}

// Bottleneck runs higher priorities (lower numbers) first: a job sent back by a pause keeps its
// place ahead of jobs that arrived while the source was paused.
const PRIORITY = 5;
const PRIORITY_AFTER_PAUSE = 4;

type Turn = 'ran' | 'paused' | 'given-up';

/** Longer than any round trip to Redis: a turn this late was spent stopped, not waiting for Redis. */
const STALE_TURN_MS = 250;

/** New Bottlenecks one job may go through when Redis keeps coming back without its keys. */
const MAX_RECOVERIES = 3;

/** A job of any result type, as the limiter's own bookkeeping sees it. */
type AnyJob = Pick<PendingJob<unknown>, 'fail' | 'promise' | 'giveUp'>;

/**
 * One source's limiter on the shared Bottleneck. A job counts one request against the daily
 * budget in the store, waits out any pause, then queues in Bottleneck, which starts it under the
 * cluster's `maxConcurrent` and `minTime`. When its turn comes it checks the pause again (set
 * meanwhile by any process: the job goes back to the queue); then the task runs at once.
 */
export function createSharedLimiter(options: LimiterOptions, parts: SharedLimiterParts): SharedLimiter {
  const { sourceId } = options;
  const { connection, bottleneck, pause, settings } = parts;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const budget = createDailyBudget(options);
  const jobs = new Set<AnyJob>();
  const freezes = startFreezeWatch();
  let stopped = false;

  async function waitOutPause(job: AnyJob): Promise<void> {
    for (;;) {
      const ms = await pause.remainingMs();
      if (ms <= 0) return;
      // Re-checked after sleeping: another process may have extended the pause.
      await sleep(ms, undefined, { signal: job.giveUp.signal });
    }
  }

  async function turn<T>(
    job: PendingJob<T>,
    task: (dispatched: () => void) => Promise<T>,
    queuedAt: number,
  ): Promise<Turn> {
    if (job.state !== 'waiting') return 'given-up';
    const turnAt = Date.now();
    try {
      if ((await pause.remainingMs()) > 0) return 'paused';
    } catch (err) {
      job.fail(connection.unavailableError(sourceId, err));
      return 'given-up';
    }
    // A process that stood still since its turn came (SIGSTOP, a long GC pause) would send into
    // the starts other processes took meanwhile, and its slot may have expired: queue again.
    // So would one granted before the process froze and run by its local timer on waking.
    if (Date.now() - turnAt > STALE_TURN_MS || freezes.frozeSince(queuedAt)) {
      logger.warn(
        { source: sourceId, lateMs: Date.now() - turnAt },
        'a turn of the shared limiter went stale (the process stood still); queued again',
      );
      return 'paused';
    }
    // Given up while it waited: the request it counted is never sent, the safe way.
    if (!job.start()) return 'given-up';
    try {
      // `dispatched` is a no-op: Bottleneck reserves each start in Redis when the job registers
      // (the next one `minTime` after it) and has no call to move the next start later once a
      // request really goes out, so a late dispatch cannot push the cluster's next start back.
      job.settle({ ok: true, value: await task(() => {}) });
    } catch (error) {
      job.settle({ ok: false, error });
    }
    // The caller has its outcome. Bottleneck gives the slot back in Redis once this returns: a
    // request that ended while Redis was away returns when it is back, so the slot is freed then
    // instead of being held until the job's expiration (minutes).
    await connection.whenAvailable();
    return 'ran';
  }

  async function countAgainstBudget(job: AnyJob): Promise<boolean> {
    try {
      if (await budget.take()) return true;
      job.fail(budget.spent());
    } catch (err) {
      job.fail(err);
    }
    return false;
  }

  async function drive<T>(
    job: PendingJob<T>,
    task: (dispatched: () => void) => Promise<T>,
    recoveries = 0,
  ): Promise<void> {
    let priority = PRIORITY;
    // The daily budget is counted before the job queues, not when its turn comes: a store write
    // (a transaction, tens of ms on a busy shared store) between the start Bottleneck booked and
    // the request would send it late, and the next one, on time, too close after it.
    if (recoveries === 0 && !(await countAgainstBudget(job))) return;
    try {
      while (job.state === 'waiting') {
        await waitOutPause(job);
        if (job.state !== 'waiting') return;
        const queuedAt = Date.now();
        const outcome = await bottleneck
          .current()
          .schedule({ priority, expiration: settings.expiration }, () => turn(job, task, queuedAt));
        if (outcome !== 'paused') return;
        priority = PRIORITY_AFTER_PAUSE;
      }
    } catch (err) {
      if (job.state === 'started') {
        // Bottleneck gave the job's slot back while its request still runs (it outlived the
        // job's expiration): the task's own outcome still reaches the caller.
        logger.warn(
          { source: sourceId, expirationMs: settings.expiration, reason: reasonOf(err) },
          'a request outlived its shared limiter job; its concurrency slot was freed early',
        );
        return;
      }
      // Redis came back empty (a restart): queue again on a new Bottleneck, which writes its keys.
      if (recoveries < MAX_RECOVERIES && job.state === 'waiting' && bottleneck.recover(err)) {
        return drive(job, task, recoveries + 1);
      }
      // Redis refused or lost a Bottleneck command: nothing was sent.
      job.fail(connection.unavailableError(sourceId, err));
    }
  }

  return {
    sourceId,

    schedule<T>(task: (dispatched: () => void) => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (stopped) return Promise.reject(aborted(sourceId, 'the limiter is stopped'));
      if (signal?.aborted) {
        return Promise.reject(aborted(sourceId, 'aborted before the request was queued', signal.reason));
      }
      if (!connection.available()) return Promise.reject(connection.unavailableError(sourceId));

      const job = new PendingJob<T>();
      jobs.add(job);
      // A running task sees the caller's signal itself; only waiting is cut short here.
      const onAbort = () =>
        job.fail(aborted(sourceId, 'aborted while waiting for the quota', signal?.reason));
      signal?.addEventListener('abort', onAbort, { once: true });
      job.promise
        .catch(() => undefined)
        .finally(() => {
          signal?.removeEventListener('abort', onAbort);
          jobs.delete(job);
        });
      void drive(job, task);
      return job.promise;
    },

    pauseUntil(until) {
      const ms = until.getTime() - clock.now().getTime();
      if (ms <= 0) return;
      pause.extend(ms).catch((err: unknown) => {
        logger.warn(
          { source: sourceId, until: until.toISOString(), reason: reasonOf(err) },
          'source paused in this process only: the pause could not be written to Redis',
        );
      });
      logger.info({ source: sourceId, until: until.toISOString() }, 'source paused');
    },

    usedToday: budget.usedToday,
    remainingToday: budget.remainingToday,

    async stop() {
      if (stopped) return;
      stopped = true;
      freezes.stop();
      for (const job of jobs) job.fail(aborted(sourceId, 'the limiter stopped before the request started'));
      // Running requests finish; their outcome belongs to their callers.
      await Promise.allSettled([...jobs].map((job) => job.promise));
      parts.onStopped?.();
    },

    failWaiting(error) {
      for (const job of jobs) job.fail(error(sourceId));
    },
  };
}
