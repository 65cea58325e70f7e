import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type AnySource,
  createHttpClient,
  createLimiter,
  type EngineSource,
  executePartitions,
  type PartitionResult,
  type ProtocolHook,
  type ProtocolStep,
  parsePartitionKey,
  type Quota,
  type Store,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';

/** Tests only: a throwaway SQLite store in a temp file (WAL and all, as in production). */
export async function tempStore(): Promise<{ store: Store; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'freshet-sam-'));
  const store = await openSqliteStore({ path: path.join(dir, 'freshet.sqlite') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Tests only: runs partitions through the full engine the way the runner does: one limiter
 * per source over the store's daily counts, an HTTP client with the source's secrets and its
 * classifyResponse.
 */
export async function runPartitions(options: {
  store: Store;
  source: AnySource;
  partitionKeys: string[];
  quota?: Quota;
  hooks?: Partial<Record<ProtocolStep, ProtocolHook>>;
  maxParallelPartitions?: number;
}): Promise<PartitionResult[]> {
  const { store, source } = options;
  const quota = options.quota ?? source.quota;
  const limiter = createLimiter({ sourceId: source.id, quota, store });
  const engineSource: EngineSource = {
    source,
    quota,
    slaMs: 7 * 86_400_000,
    limiter,
    createHttp: () =>
      createHttpClient({
        sourceId: source.id,
        limiter,
        quota,
        secrets: source.secrets ?? [],
        ...(source.classifyResponse ? { classifyResponse: source.classifyResponse } : {}),
      }),
  };
  try {
    return await executePartitions({
      store,
      sources: new Map([[source.id, engineSource]]),
      work: options.partitionKeys.map((key) => ({
        partition: parsePartitionKey(key, { [source.id]: source.cohort }),
      })),
      runId: `test-${Date.now()}`,
      maxParallelPartitions: options.maxParallelPartitions ?? 2,
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
  } finally {
    await limiter.stop();
  }
}
