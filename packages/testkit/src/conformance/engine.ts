import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnySource,
  type Clock,
  createHttpClient,
  createLimiter,
  type EngineSource,
  emptyCounts,
  executePartitions,
  type Json,
  type PartitionResult,
  type PartitionWork,
  type ProtocolHook,
  type ProtocolStep,
  parsePartitionKey,
  type Quota,
  type SliceCounts,
  type Store,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';

/** A quota for test runs: fast, with short back-offs, but still honouring Retry-After. */
export const FAST_TEST_QUOTA: Quota = {
  maxConcurrent: 4,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 2000,
  retry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 3000 },
};

/**
 * A quota for test runs that give up quickly: two requests at a time, four attempts, back-offs
 * of at most 50 ms. A Retry-After longer than that fails the request instead of being waited
 * out, so a test that means to wait one out raises `retry.maxDelayMs`.
 */
export const FAIL_FAST_TEST_QUOTA: Quota = {
  maxConcurrent: 2,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 5000,
  retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
};

/** The SLA test engine sources carry. The engine never reads it (the runner's planner does). */
const TEST_SLA_MS = 86_400_000;

export interface EngineRun {
  results: PartitionResult[];
  store: Store;
}

/**
 * A source as the engine runs it, built the way the runner builds it: one limiter over the
 * store's daily counts, and per partition an HTTP client with the source's secrets and its
 * classifyResponse. Stop its `limiter` when done with it.
 */
export function engineSource(
  source: AnySource,
  quota: Quota,
  store: Store,
  options: { clock?: Clock; slaMs?: number } = {},
): EngineSource {
  const clock = options.clock ? { clock: options.clock } : {};
  const limiter = createLimiter({ sourceId: source.id, quota, store, ...clock });
  return {
    source,
    quota,
    slaMs: options.slaMs ?? TEST_SLA_MS,
    limiter,
    createHttp: () =>
      createHttpClient({
        sourceId: source.id,
        limiter,
        quota,
        ...clock,
        ...(source.secrets ? { secrets: source.secrets } : {}),
        ...(source.classifyResponse ? { classifyResponse: source.classifyResponse } : {}),
      }),
  };
}

export interface RunSourceOptions {
  store: Store;
  source: AnySource;
  partitionKeys: string[];
  /** The quota in force; the source's own default quota when left out. */
  quota?: Quota;
  /** Start complete partitions again from the beginning, as an SLA refresh does. */
  refresh?: boolean;
  runId?: string;
  /** Partitions worked on at once (2 when left out). */
  parallel?: number;
  /** The engine's, the limiter's and the HTTP client's clock; the system clock when left out. */
  clock?: Clock;
  hooks?: Partial<Record<ProtocolStep, ProtocolHook>>;
}

/** Runs partitions of one source through the full engine on the given store. */
export async function runSource(options: RunSourceOptions): Promise<PartitionResult[]> {
  const { store, source } = options;
  const quota = options.quota ?? source.quota;
  const engine = engineSource(source, quota, store, options.clock ? { clock: options.clock } : {});
  const work: PartitionWork[] = options.partitionKeys.map((key) => ({
    partition: parsePartitionKey(key, { [source.id]: source.cohort }),
    ...(options.refresh ? { refresh: true } : {}),
  }));
  try {
    return await executePartitions({
      store,
      sources: new Map([[source.id, engine]]),
      work,
      runId: options.runId ?? `test-${Date.now()}`,
      maxParallelPartitions: options.parallel ?? 2,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
  } finally {
    await engine.limiter.stop();
  }
}

/** The counts of a run's partitions added up, and their retries. */
export function totalCounts(results: readonly PartitionResult[]): SliceCounts & { retries: number } {
  const total = { ...emptyCounts(), retries: 0 };
  for (const { counts, retries } of results) {
    total.slices += counts.slices;
    total.written += counts.written;
    total.unchanged += counts.unchanged;
    total.failed += counts.failed;
    total.notFound += counts.notFound;
    total.apiCalls += counts.apiCalls;
    total.retries += retries;
  }
  return total;
}

/** A fresh embedded store in memory. */
export function memoryStore(): Promise<Store> {
  return openSqliteStore({ path: ':memory:' });
}

export interface TempFileStore {
  store: Store;
  /** The database file. */
  path: string;
  /** Closes the store and removes its directory. */
  close(): Promise<void>;
}

/** A SQLite store in a fresh temporary directory: a real file, WAL and all, as in production. */
export async function tempFileStore(): Promise<TempFileStore> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-test-'));
  const path = join(dir, 'freshet.sqlite');
  const store = await openSqliteStore({ path });
  return {
    store,
    path,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The payloads the store holds for a partition of a source, by record key. */
export async function storedRecords(
  store: Store,
  sourceId: string,
  partitionKey: string,
): Promise<Map<string, Json>> {
  const records = new Map<string, Json>();
  for await (const key of store.recordKeys(sourceId)) {
    const record = await store.getRecord(sourceId, key);
    if (record?.partitionKey === partitionKey) records.set(key, record.payload);
  }
  return records;
}

/** The record keys the store holds for a partition of a source, sorted as text. */
export async function storedKeys(store: Store, sourceId: string, partitionKey: string): Promise<string[]> {
  return [...(await storedRecords(store, sourceId, partitionKey)).keys()].sort();
}
