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
