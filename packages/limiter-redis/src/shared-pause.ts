import type { Redis } from 'ioredis';

/**
 * A source's pause (a Retry-After, an API's quota reset), held by every process: one key with a
 * time to live, checked before each start. Redis counts the time left (PTTL), so hosts whose
 * clocks disagree still agree on when the pause ends. The pause also holds in this process at
 * once, before (and even without) the write reaching Redis.
 */
export interface SharedPause {
  /** Extends the pause by `ms` from now; never shortens one already longer. */
  extend(ms: number): Promise<void>;
  /** Milliseconds the source stays paused, 0 when it is not. Rejects when Redis does not answer. */
  remainingMs(): Promise<number>;
}

// Extend-only in one step: a shorter Retry-After seen by one process never ends a longer pause
// set by another.
const EXTEND_SCRIPT = `
local left = redis.call('pttl', KEYS[1])
if left < tonumber(ARGV[1]) then
  redis.call('set', KEYS[1], ARGV[2], 'PX', ARGV[1])
end
return 1`;

export function createSharedPause(client: Redis, key: string): SharedPause {
  let localUntil = 0;
  return {
    async extend(ms) {
      const whole = Math.ceil(ms);
      if (whole <= 0) return;
      const until = Date.now() + whole;
      localUntil = Math.max(localUntil, until);
      // The value is only for people reading Redis; the key's time to live is the pause.
      await client.eval(EXTEND_SCRIPT, 1, key, whole, new Date(until).toISOString());
    },
    async remainingMs() {
      const local = Math.max(0, localUntil - Date.now());
      // -2: no key, -1: no expiry (never written so): not paused.
      const shared = Math.max(0, await client.pttl(key));
      return Math.max(local, shared);
    },
  };
}
