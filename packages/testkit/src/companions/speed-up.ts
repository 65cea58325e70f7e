import type { RateLimitConfig } from '../sim/types.js';

/**
 * Timer jitter a sped-up window must absorb. The real windows are seconds long, so a few ms of
 * jitter never matters; at 1/20 of that, with the simulator in the same busy event loop, a
 * request spaced 53 ms after the last can be counted 20 ms after it (a cold start, a busy
 * machine), and the simulator's 429 (Retry-After rounds up to a whole second) would stall the
 * source for 20 simulated seconds.
 */
export const SPED_UP_WINDOW_SLACK_MS = 40;

/**
 * A simulator's rate limit `factor` times faster, as the sandbox speeds the source's quota up
 * (less the jitter slack); a fixed (daily) window is a quota, not a rate, and stays.
 */
export function speedUpRateLimit(limit: RateLimitConfig, factor: number): RateLimitConfig {
  if (limit.window === 'fixed') return limit;
  return {
    ...limit,
    intervalMs: Math.max(1, Math.max(1, Math.round(limit.intervalMs / factor)) - SPED_UP_WINDOW_SLACK_MS),
    ...(limit.burst === undefined ? {} : { burst: limit.burst * factor }),
  };
}
