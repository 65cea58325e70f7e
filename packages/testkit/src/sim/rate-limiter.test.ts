import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

function fakeClock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('allows `requests` per sliding interval and says how long to wait', () => {
    const clock = fakeClock(10_000);
    const limiter = new RateLimiter({ requests: 3, intervalMs: 1000 }, clock.now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.acquire('a').ok).toBe(true);
      clock.advance(100);
    }
    const refused = limiter.acquire('a');
    expect(refused).toEqual({ ok: false, reason: 'window', retryAfterSeconds: 1 });
    // Refusals do not use up the window: once the first request (t=10,000) is 1,000 ms old, one more fits.
    clock.advance(699);
    expect(limiter.acquire('a').ok).toBe(false);
    clock.advance(1);
    expect(limiter.acquire('a').ok).toBe(true);
    expect(limiter.acquire('a').ok).toBe(false);
  });

  it('rounds Retry-After up to whole seconds', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requests: 10, intervalMs: 60_000 }, clock.now);
    for (let i = 0; i < 10; i++) limiter.acquire('k');
    clock.advance(500);
    const d = limiter.acquire('k');
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.retryAfterSeconds).toBe(60);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter({ requests: 1, intervalMs: 1000 }, fakeClock().now);
    expect(limiter.acquire('a').ok).toBe(true);
    expect(limiter.acquire('b').ok).toBe(true);
    expect(limiter.acquire('a').ok).toBe(false);
  });

  it('resets fixed windows at their boundary (a daily quota at midnight UTC)', () => {
    const clock = fakeClock(Date.UTC(2025, 0, 1, 22, 0, 0));
    const limiter = new RateLimiter({ requests: 2, intervalMs: 86_400_000, window: 'fixed' }, clock.now);
    expect(limiter.acquire('k').ok).toBe(true);
    expect(limiter.acquire('k').ok).toBe(true);
    clock.advance(3_600_000);
    const d = limiter.acquire('k');
    expect(d).toEqual({ ok: false, reason: 'window', retryAfterSeconds: 3600 });
    clock.advance(3_600_000);
    expect(limiter.acquire('k').ok).toBe(true);
  });

  it('enforces a one-second burst on top of the main window', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requests: 100, intervalMs: 60_000, burst: 2 }, clock.now);
    expect(limiter.acquire('k').ok).toBe(true);
    expect(limiter.acquire('k').ok).toBe(true);
    const d = limiter.acquire('k');
    expect(d.ok === false && d.reason).toBe('burst');
    clock.advance(1000);
    expect(limiter.acquire('k').ok).toBe(true);
  });

  it('limits concurrency until a request is released', () => {
    const limiter = new RateLimiter({ requests: 100, intervalMs: 1000, maxConcurrent: 1 }, fakeClock().now);
    const first = limiter.acquire('k');
    expect(first.ok).toBe(true);
    const second = limiter.acquire('k');
    expect(second.ok === false && second.reason).toBe('concurrency');
    if (first.ok) first.release();
    expect(limiter.acquire('k').ok).toBe(true);
  });

  it('reports remaining requests and the reset instant', () => {
    const clock = fakeClock(5000);
    const limiter = new RateLimiter({ requests: 3, intervalMs: 1000 }, clock.now);
    const d = limiter.acquire('k');
    expect(d.ok && d.state).toMatchObject({ limit: 3, remaining: 2, resetAt: 6000, intervalMs: 1000 });
  });

  it('lets a fixed or computed Retry-After override the window', () => {
    const fixed = new RateLimiter({ requests: 1, intervalMs: 1000, retryAfterSeconds: 30 }, fakeClock().now);
    fixed.acquire('k');
    expect(fixed.acquire('k')).toMatchObject({ ok: false, retryAfterSeconds: 30 });
    const computed = new RateLimiter(
      { requests: 1, intervalMs: 1000, retryAfterSeconds: ({ computed }) => computed * 10 },
      fakeClock().now,
    );
    computed.acquire('k');
    expect(computed.acquire('k')).toMatchObject({ ok: false, retryAfterSeconds: 10 });
  });

  it('refuses nonsense limits', () => {
    expect(() => new RateLimiter({ requests: 0, intervalMs: 1000 })).toThrow(RangeError);
  });
});
