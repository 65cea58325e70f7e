// Test helpers only: index.ts does not export this file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import type { NihSimulator } from '@freshet/testkit';

/** A SQLite store in a fresh temporary file; `dispose` closes it and removes the directory. */
export async function tempStore(): Promise<{ store: Store; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-nih-'));
  const store = await openSqliteStore({ path: join(dir, 'freshet.sqlite') });
  return {
    store,
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs partitions of one source through the full engine, with the source's own error mapping. */
export async function runEngine(options: {
  store: Store;
  source: AnySource;
  partitionKeys: string[];
  quota: Quota;
  refresh?: boolean;
  runId?: string;
  parallel?: number;
  hooks?: Partial<Record<ProtocolStep, ProtocolHook>>;
}): Promise<PartitionResult[]> {
  const { store, source, quota } = options;
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
      runId: options.runId ?? `test-${Date.now()}`,
      maxParallelPartitions: options.parallel ?? 2,
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
  } finally {
    await limiter.stop();
  }
}

/** `nih:project_week_…` of each simulator week. */
export function weekPartitionKeys(sim: NihSimulator): string[] {
  return sim.weeks().map((week) => `nih:project_week_${week.isoWeek}`);
}

/** The appl_ids a correct run stores for a simulator week with the given activity codes. */
export function expectedApplIds(sim: NihSimulator, partitionKey: string, activityCodes?: string[]): string[] {
  const index = weekPartitionKeys(sim).indexOf(partitionKey);
  if (index < 0) throw new Error(`${partitionKey} is not a week of the simulator`);
  return sim.truthApplIds(sim.weekCriteria(index, activityCodes)).map(String);
}

/** Keys the store holds for a partition, sorted as text. */
export async function storedKeys(store: Store, partitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.recordKeys('nih')) {
    const record = await store.getRecord('nih', key);
    if (record?.partitionKey === partitionKey) keys.push(key);
  }
  return keys.sort();
}
