// Helpers for this package's tests, which run against a real Redis: each test gets key prefixes
// of its own and deletes its keys after. Not part of the build (only index.ts is an entry).
import { randomUUID } from 'node:crypto';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import type { Clock, Limiter, LimiterFactory, LimiterOptions, Logger, Quota, Store } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { openRedisLimiterFactory } from './factory.js';

/** No skipping: with Redis down, opening a factory fails and so does every test that needs one. */
export const REDIS_URL = process.env.FRESHET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function quota(overrides: Partial<Quota> = {}): Quota {
  return {
    maxConcurrent: 2,
    requestsPerInterval: 1000,
    intervalMs: 1000,
    dailyBudget: null,
    timeoutMs: 1000,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
    ...overrides,
  };
}

/** A clock stuck at `at`: the day the budget is counted under never turns during a test. */
export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Schedules a task that holds its slot until `release()`, then resolves to `value`; `started`
 * resolves once it runs. Limiters with `maxConcurrent: 1` are full while it holds.
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

/** A task that counts how many copies of it run at once (`maxActive`), each doing `work`. */
export function concurrencyProbe(work: () => Promise<unknown>) {
  let active = 0;
  const probe = {
    maxActive: 0,
    task: async () => {
      active++;
      probe.maxActive = Math.max(probe.maxActive, active);
      await work();
      active--;
    },
  };
  return probe;
}

export interface CapturedLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every line. */
export function captureLogger(): Logger & { lines: CapturedLine[]; text(): string } {
  const lines: CapturedLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return {
    lines,
    text: () => lines.map((l) => `${l.level} ${l.message} ${JSON.stringify(l.fields)}`).join('\n'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** Largest number of `times` (ms, any order) within one window shorter than `windowMs`. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

/** Resolves once `check` holds, polling; rejects after `timeoutMs`. */
export async function eventually(
  check: () => boolean,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * What one test opens: a unique prefix, factories on it (each its own connection, as separate
 * processes have) and a store; `cleanup` stops, closes and deletes the prefix's keys.
 */
export function testBed() {
  const prefix = `freshet-test-${randomUUID().slice(0, 8)}`;
  const factories: LimiterFactory[] = [];
  const limiters: Limiter[] = [];
  const stores: Store[] = [];
  const bed = {
    prefix,
    async factory(options: FactoryOptions = {}): Promise<LimiterFactory> {
      const factory = await openRedisLimiterFactory({ url: options.url ?? REDIS_URL, prefix, ...options });
      factories.push(factory);
      const create = factory.create.bind(factory);
      factory.create = (limiterOptions) => {
        const limiter = create(limiterOptions);
        limiters.push(limiter);
        return limiter;
      };
      return factory;
    },
    /** A SQLite store in memory: both factories of a test share it, as workers share one store. */
    async store(): Promise<Store> {
      const store = await openSqliteStore({ path: ':memory:' });
      stores.push(store);
      return store;
    },
    /**
     * A limiter of a factory of its own (opened with `factoryOptions`): source `nih`, the default
     * `quota()` and a new store unless `options` says otherwise.
     */
    async limiter(
      options: Partial<LimiterOptions> = {},
      factoryOptions: FactoryOptions = {},
    ): Promise<Limiter> {
      const factory = await bed.factory(factoryOptions);
      return factory.create({
        sourceId: 'nih',
        quota: quota(),
        ...options,
        store: options.store ?? (await bed.store()),
      });
    },
    async cleanup(): Promise<void> {
      await Promise.allSettled(limiters.map((l) => l.stop()));
      await Promise.allSettled(factories.map((f) => f.close()));
      await Promise.allSettled(stores.map((s) => s.close()));
      await deleteKeys([`b_${prefix}:*`, `${prefix}:*`]);
    },
  };
  return bed;
}

interface FactoryOptions {
  url?: string;
  logger?: Logger;
}

export type TestBed = Omit<ReturnType<typeof testBed>, 'cleanup'>;

/** A test bed for each test of the file: a new one before it, cleaned up after it. */
export function useTestBed(): TestBed {
  let bed = testBed();
  afterEach(async () => {
    await bed.cleanup();
    bed = testBed();
  });
  return {
    get prefix() {
      return bed.prefix;
    },
    factory: (options) => bed.factory(options),
    store: () => bed.store(),
    limiter: (options, factoryOptions) => bed.limiter(options, factoryOptions),
  };
}

export async function deleteKeys(patterns: string[]): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for (const match of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * A TCP proxy to the test Redis. `cut` destroys every socket and closes the port (Redis gone);
 * `freeze` keeps the sockets open but lets nothing through (a host that stopped answering).
 * `restore` undoes either.
 */
export interface RedisProxy {
  readonly url: string;
  cut(): Promise<void>;
  freeze(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisProxy(): Promise<RedisProxy> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let frozen = false;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = netConnect(Number(target.port || 6379), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        // Bytes dropped while frozen: as if the network ate them.
        client.on('data', (chunk) => frozen || upstream.write(chunk));
        upstream.on('data', (chunk) => frozen || client.write(chunk));
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        const address = next.address();
        if (address && typeof address === 'object') port = address.port;
        server = next;
        resolve();
      });
    });
  const shut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  await listen();
  const url = new URL(REDIS_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut: shut,
    freeze: () => {
      frozen = true;
    },
    async restore() {
      if (frozen) {
        // What was sent while frozen is lost: those connections cannot be trusted again.
        for (const socket of sockets) socket.destroy();
        frozen = false;
      }
      if (!server) await listen();
    },
    close: shut,
  };
}
