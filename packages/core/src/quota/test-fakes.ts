// Test doubles shared by the quota and http tests. Not exported from the package.
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { Limiter } from './limiter-types.js';

/** The two quota methods of a Store, in memory; cast to Store where a full one is typed. */
export function memoryQuotaStore(): Store & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const fake = {
    counts,
    async consumeQuota(source: string, day: string, n: number, budget: number | null) {
      const key = `${source}|${day}`;
      const used = counts.get(key) ?? 0;
      if (budget !== null && used + n > budget) return { granted: false, used };
      counts.set(key, used + n);
      return { granted: true, used: used + n };
    },
    async quotaUsed(source: string, day: string) {
      return counts.get(`${source}|${day}`) ?? 0;
    },
  };
  return fake as unknown as Store & { counts: Map<string, number> };
}

/** A clock that jumps ahead instead of waiting; `set` moves it anywhere. */
export function jumpingClock(start: Date): Clock & { set(date: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (date) => {
      now = date.getTime();
    },
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      const until = now + ms;
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      now = Math.max(now, until);
    },
  };
}

export interface CapturedLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every line, to check what would have been written. */
export function captureLogger(): Logger & { lines: CapturedLine[]; text(): string } {
  const lines: CapturedLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return {
    lines,
    text: () =>
      lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.fields)}`).join('\n'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** Largest number of `times` (ms, any order) falling within one window of `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] as number) - (sorted[first] as number) >= windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Schedules a task that holds its slot until `release()`, then resolves to `value`; `started`
 * resolves once it runs.
 */
export function holdSlot<T = void>(limiter: Limiter, value?: T, signal?: AbortSignal) {
  const gate = deferred();
  const started = deferred();
  const running = limiter.schedule(async () => {
    started.resolve();
    await gate.promise;
    return value as T;
  }, signal);
  return { running, started: started.promise, release: gate.resolve };
}
