// Test helpers only: index.ts does not export this file.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnySource,
  createHttpClient,
  createLimiter,
  type EngineSource,
  executePartitions,
  type Http,
  type PartitionResult,
  type ProtocolHook,
  type ProtocolStep,
  parsePartitionKey,
  type Quota,
  type Store,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import type { PatentsViewSimulator } from '@freshet/testkit';
import { classifyPatentsViewResponse } from './classify.js';

/** A quota for tests: no waiting, short back-offs. */
export const FAST_QUOTA: Quota = {
  maxConcurrent: 2,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 5000,
  retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
};

/** A SQLite store in a fresh temporary file; `dispose` closes it and removes the directory. */
export async function tempStore(): Promise<{ store: Store; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-patentsview-'));
  const store = await openSqliteStore({ path: join(dir, 'freshet.sqlite') });
  return {
    store,
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs partitions of one source through the full engine, with the source's error mapping and secrets. */
export async function runEngine(options: {
  store: Store;
  source: AnySource;
  partitionKeys: string[];
  quota: Quota;
  refresh?: boolean;
  parallel?: number;
  hooks?: Partial<Record<ProtocolStep, ProtocolHook>>;
}): Promise<PartitionResult[]> {
  const { store, source, quota } = options;
  const limiter = createLimiter({ sourceId: source.id, quota, store });
  const engineSource: EngineSource = {
    source,
    quota,
    slaMs: 30 * 86_400_000,
    limiter,
    createHttp: () =>
      createHttpClient({
        sourceId: source.id,
        limiter,
        quota,
        ...(source.secrets ? { secrets: source.secrets } : {}),
        ...(source.classifyResponse ? { classifyResponse: source.classifyResponse } : {}),
      }),
  };
  try {
    return await executePartitions({
      store,
      sources: new Map([[source.id, engineSource]]),
      work: options.partitionKeys.map((key) => ({
        partition: parsePartitionKey(key, { [source.id]: source.cohort }),
        ...(options.refresh ? { refresh: true } : {}),
      })),
      runId: `test-${Date.now()}`,
      maxParallelPartitions: options.parallel ?? 2,
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
  } finally {
    await limiter.stop();
  }
}

/** `patentsview:grant_month_…` of each simulator month. */
export function monthPartitionKeys(sim: PatentsViewSimulator): string[] {
  return sim.months().map((m) => `patentsview:grant_month_${m.month}`);
}

/** The patent ids a correct run stores for a partition. */
export function expectedIds(sim: PatentsViewSimulator, partitionKey: string): string[] {
  return sim.truthIds(partitionKey.slice(partitionKey.indexOf('grant_month_') + 'grant_month_'.length));
}

/** Keys the store holds for a partition, sorted as text. */
export async function storedKeys(store: Store, partitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.recordKeys('patentsview')) {
    const record = await store.getRecord('patentsview', key);
    if (record?.partitionKey === partitionKey) keys.push(key);
  }
  return keys.sort();
}

export interface CapturedRequest {
  method: string;
  /** Path and query exactly as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server that records each request and answers with the next canned response. */
export async function captureServer(
  answers: Array<{ status: number; headers?: Record<string, string>; body: string }>,
): Promise<{ baseUrl: string; requests: CapturedRequest[]; close(): Promise<void> }> {
  const requests: CapturedRequest[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = answers[Math.min(next++, answers.length - 1)]!;
      res.writeHead(answer.status, { 'content-length': Buffer.byteLength(answer.body), ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Core's Http for this source, with a throwaway in-memory store for the limiter. */
export async function testHttp(
  quota: Quota = FAST_QUOTA,
  secrets: string[] = [],
): Promise<{ http: Http; dispose(): Promise<void> }> {
  const store = await openSqliteStore({ path: ':memory:' });
  const limiter = createLimiter({ sourceId: 'patentsview', quota, store });
  const http = createHttpClient({
    sourceId: 'patentsview',
    limiter,
    quota,
    secrets,
    classifyResponse: classifyPatentsViewResponse,
    random: () => 0.5,
  });
  return {
    http,
    async dispose() {
      await limiter.stop();
      await store.close();
    },
  };
}
