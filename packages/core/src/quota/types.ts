/** Retry policy for one source's HTTP calls. */
export interface RetryPolicy {
  /** Total attempts per request, the first included. */
  maxAttempts: number;
  /** First back-off delay; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  /** Upper bound for one back-off delay and for an honoured Retry-After. */
  maxDelayMs: number;
}

/**
 * A source's limits. One quota is shared by every partition of the source, so parallel
 * partitions together never exceed it.
 */
export interface Quota {
  /** Requests in flight at once. */
  maxConcurrent: number;
  /** At most this many requests start within any `intervalMs`. */
  requestsPerInterval: number;
  intervalMs: number;
  /** Requests per UTC day (every attempt counts); null for none. Persisted in the store. */
  dailyBudget: number | null;
  /** Per-request timeout. */
  timeoutMs: number;
  retry: RetryPolicy;
}
