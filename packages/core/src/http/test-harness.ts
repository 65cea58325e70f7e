// Builds a client against a scripted server with a real limiter, for the client tests.
import { Agent } from 'undici';
import type { Logger } from '../logger.js';
import { createLimiter } from '../quota/limiter.js';
import type { Limiter } from '../quota/limiter-types.js';
import { memoryQuotaStore } from '../quota/test-fakes.js';
import type { Quota } from '../quota/types.js';
import type { Store } from '../store/types.js';
import { type CreateHttpClientOptions, createHttpClient } from './client.js';
import { type Handler, startTestServer, type TestServer } from './test-server.js';
import type { Http } from './types.js';

export interface Harness {
  server: TestServer;
  http: Http;
  limiter: Limiter;
  store: Store & { counts: Map<string, number> };
  quota: Quota;
  /** Every `pauseUntil` the client asked of the limiter. */
  pauses: Date[];
  /** Another client on the same store and server, as a restarted process would build. */
  restart(): Http;
}

export function testQuota(overrides: Partial<Quota> = {}): Quota {
  return {
    maxConcurrent: 4,
    requestsPerInterval: 1000,
    intervalMs: 1000,
    dailyBudget: null,
    timeoutMs: 2000,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 2000 },
    ...overrides,
  };
}

const cleanups: Array<() => Promise<void>> = [];

/** Call from `afterEach`. */
export async function closeHarnesses(): Promise<void> {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
}

export async function harness(
  handler: Handler,
  options: {
    quota?: Partial<Quota>;
    logger?: Logger;
    store?: Store & { counts: Map<string, number> };
  } & Partial<Pick<CreateHttpClientOptions, 'secrets' | 'classifyResponse' | 'random'>> = {},
): Promise<Harness> {
  const server = await startTestServer(handler);
  const store = options.store ?? memoryQuotaStore();
  const quota = testQuota(options.quota);
  const pauses: Date[] = [];
  const agent = new Agent({ keepAliveTimeout: 1000 });
  const limiters: Limiter[] = [];

  const build = () => {
    const limiter = createLimiter({
      sourceId: 'test',
      quota,
      store,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    limiters.push(limiter);
    const spied: Limiter = {
      sourceId: limiter.sourceId,
      schedule: (task, signal) => limiter.schedule(task, signal),
      pauseUntil: (until) => {
        pauses.push(until);
        limiter.pauseUntil(until);
      },
      usedToday: () => limiter.usedToday(),
      remainingToday: () => limiter.remainingToday(),
      stop: () => limiter.stop(),
    };
    const http = createHttpClient({
      sourceId: 'test',
      limiter: spied,
      quota,
      dispatcher: agent,
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.classifyResponse ? { classifyResponse: options.classifyResponse } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    return { limiter: spied, http };
  };

  const first = build();
  cleanups.push(async () => {
    await Promise.all(limiters.map((l) => l.stop()));
    await agent.destroy();
    await server.close();
  });
  return { server, store, quota, pauses, ...first, restart: () => build().http };
}
