import {
  type AnySource,
  createHttpClient,
  createLimiter,
  type EngineSource,
  executePartitions,
  type PartitionResult,
  type PartitionWork,
  type ProtocolHook,
  type ProtocolStep,
  parsePartitionKey,
  type Quota,
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

export interface EngineRun {
  results: PartitionResult[];
  store: Store;
}

/** Runs partitions of one source through the full engine on the given store. */
export async function runSource(options: {
  store: Store;
  source: AnySource;
  partitionKeys: string[];
  quota: Quota;
  refresh?: boolean;
  runId?: string;
  hooks?: Partial<Record<ProtocolStep, ProtocolHook>>;
}): Promise<PartitionResult[]> {
  const { store, source, quota } = options;
  const limiter = createLimiter({ sourceId: source.id, quota, store });
  const engineSource: EngineSource = {
    source,
    quota,
    slaMs: 86_400_000,
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
  const work: PartitionWork[] = options.partitionKeys.map((key) => ({
    partition: parsePartitionKey(key, { [source.id]: source.cohort }),
    ...(options.refresh ? { refresh: true } : {}),
  }));
  try {
    return await executePartitions({
      store,
      sources: new Map([[source.id, engineSource]]),
      work,
      runId: options.runId ?? `conformance-${Date.now()}`,
      maxParallelPartitions: 2,
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
  } finally {
    await limiter.stop();
  }
}

/** A fresh embedded store in memory. */
export function memoryStore(): Promise<Store> {
  return openSqliteStore({ path: ':memory:' });
}

/** Record keys the store holds for a partition (through the ledger's rollup-free path). */
export async function storedKeys(store: Store, sourceId: string, partitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.recordKeys(sourceId)) {
    const record = await store.getRecord(sourceId, key);
    if (record?.partitionKey === partitionKey) keys.push(key);
  }
  return keys.sort();
}
