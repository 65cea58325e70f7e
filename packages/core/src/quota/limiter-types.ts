import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { Quota } from './types.js';

/**
 * A source's quota in force: concurrency, rate and daily budget, shared by every partition
 * of the source. The in-process implementation (`createLimiter`) keeps its slots and start
 * spacing in memory; the contract allows a shared (Redis or Postgres-backed) limiter for
 * several processes.
 */
export interface Limiter {
  readonly sourceId: string;
  /**
   * Runs `task` once a slot is free under the concurrency and rate limits, after counting
   * one request against the daily budget. Rejects with QUOTA_EXHAUSTED (nothing run) when
   * the budget is spent, with ABORTED when the signal fires while waiting. A task that calls
   * `dispatched()` the moment its request goes out has the next start spaced from then, when
   * that is later than the start the limiter recorded (a module still loading, a busy event loop).
   */
  schedule<T>(task: (dispatched: () => void) => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Holds every request of the source until `until` (a Retry-After, a quota reset). */
  pauseUntil(until: Date): void;
  /** Requests counted today (UTC), from the store. */
  usedToday(): Promise<number>;
  /** Requests left today, or null when there is no daily budget. */
  remainingToday(): Promise<number | null>;
  /** Stops accepting work; queued tasks reject with ABORTED. */
  stop(): Promise<void>;
}

/** What a limiter for one source is made from. */
export interface LimiterOptions {
  sourceId: string;
  quota: Quota;
  /** Holds the daily counts, so they survive restarts and are shared with other processes. */
  store: Pick<Store, 'consumeQuota' | 'quotaUsed'>;
  clock?: Clock;
  logger?: Logger;
}

/**
 * Makes the limiters of one process: in-process by default, or shared by every process of a
 * fleet (`limiter: { use: 'redis', url }`). One factory serves all sources and owns whatever
 * connection they share; `close` ends it after the limiters are stopped.
 */
export interface LimiterFactory {
  /** Names the kind in logs and `freshet status` (`memory`, `redis`). */
  readonly kind: string;
  create(options: LimiterOptions): Limiter;
  close(): Promise<void>;
}

/**
 * What a limiter plugin package exports (`limiter: { use: '@freshet/limiter-redis', … }`): it
 * gets the rest of the config's `limiter` object (`url`, `prefix`, …, environment variables
 * already interpolated) and opens the factory, failing with LIMITER_UNAVAILABLE when its
 * service does not answer.
 */
export interface LimiterPluginModule {
  openLimiterFactory(options: Record<string, unknown>, context: { logger: Logger }): Promise<LimiterFactory>;
}
