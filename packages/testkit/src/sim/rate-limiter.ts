import type { RateLimitConfig, RateLimitState, ViolationReason } from './types.js';

export type LimitDecision =
  | { ok: true; state: RateLimitState; release: () => void }
  | { ok: false; reason: ViolationReason; retryAfterSeconds: number };

const BURST_WINDOW_MS = 1000;

/** Timestamps of accepted requests within one window; the head index avoids shifting arrays. */
class SlidingWindow {
  #times: number[] = [];
  #head = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  #prune(now: number): void {
    while (this.#head < this.#times.length && (this.#times[this.#head] as number) <= now - this.windowMs) {
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head);
      this.#head = 0;
    }
  }

  count(now: number): number {
    this.#prune(now);
    return this.#times.length - this.#head;
  }

  /** Milliseconds until one more request fits; 0 when it fits now. */
  waitMs(now: number): number {
    const used = this.count(now);
    if (used < this.limit) return 0;
    // The request that must leave the window before there is room again.
    const blocking = this.#times[this.#times.length - this.limit] as number;
    return Math.max(1, blocking + this.windowMs - now);
  }

  /** When the oldest counted request leaves the window. */
  resetAt(now: number): number {
    this.#prune(now);
    const oldest = this.#times[this.#head];
    return oldest === undefined ? now + this.windowMs : oldest + this.windowMs;
  }

  add(now: number): void {
    this.#times.push(now);
  }
}

/** Windows aligned to multiples of `windowMs` since the epoch, like a quota reset at midnight UTC. */
class FixedWindow {
  #start = Number.NEGATIVE_INFINITY;
  #used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  #roll(now: number): void {
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    if (start !== this.#start) {
      this.#start = start;
      this.#used = 0;
    }
  }

  count(now: number): number {
    this.#roll(now);
    return this.#used;
  }

  waitMs(now: number): number {
    this.#roll(now);
    return this.#used < this.limit ? 0 : this.#start + this.windowMs - now;
  }

  resetAt(now: number): number {
    this.#roll(now);
    return this.#start + this.windowMs;
  }

  add(now: number): void {
    this.#roll(now);
    this.#used++;
  }
}

interface KeyState {
  main: SlidingWindow | FixedWindow;
  burst: SlidingWindow | undefined;
  inFlight: number;
}

/**
 * Enforces a `RateLimitConfig` per client key. Refused requests are not counted in the window,
 * so a client that waits out `Retry-After` gets through.
 */
export class RateLimiter {
  readonly #keys = new Map<string, KeyState>();

  constructor(
    readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {
    if (!(config.requests >= 1) || !(config.intervalMs > 0)) {
      throw new RangeError(
        `rate limit needs requests >= 1 and intervalMs > 0, got ${JSON.stringify(config)}`,
      );
    }
  }

  #state(key: string): KeyState {
    let state = this.#keys.get(key);
    if (!state) {
      const { requests, intervalMs, window, burst } = this.config;
      state = {
        main:
          window === 'fixed'
            ? new FixedWindow(requests, intervalMs)
            : new SlidingWindow(requests, intervalMs),
        burst: burst === undefined ? undefined : new SlidingWindow(burst, BURST_WINDOW_MS),
        inFlight: 0,
      };
      this.#keys.set(key, state);
    }
    return state;
  }

  acquire(key: string): LimitDecision {
    const now = this.now();
    const state = this.#state(key);
    const { maxConcurrent } = this.config;
    if (maxConcurrent !== undefined && state.inFlight >= maxConcurrent) {
      return { ok: false, reason: 'concurrency', retryAfterSeconds: this.#retryAfter(key, now, 1000) };
    }
    const mainWait = state.main.waitMs(now);
    if (mainWait > 0)
      return { ok: false, reason: 'window', retryAfterSeconds: this.#retryAfter(key, now, mainWait) };
    const burstWait = state.burst?.waitMs(now) ?? 0;
    if (burstWait > 0)
      return { ok: false, reason: 'burst', retryAfterSeconds: this.#retryAfter(key, now, burstWait) };

    state.main.add(now);
    state.burst?.add(now);
    state.inFlight++;
    let released = false;
    return {
      ok: true,
      state: {
        key,
        limit: this.config.requests,
        remaining: Math.max(0, this.config.requests - state.main.count(now)),
        intervalMs: this.config.intervalMs,
        resetAt: state.main.resetAt(now),
      },
      release: () => {
        if (released) return;
        released = true;
        state.inFlight--;
      },
    };
  }

  #retryAfter(key: string, now: number, waitMs: number): number {
    const computed = Math.max(1, Math.ceil(waitMs / 1000));
    const fixed = this.config.retryAfterSeconds;
    if (fixed === undefined) return computed;
    return typeof fixed === 'number' ? fixed : fixed({ now, key, computed });
  }
}
