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
import type { UsaspendingFilters, UsaspendingSimulator } from '@freshet/testkit';
import { AWARD_TYPE_GROUPS, type AwardTypeGroup } from './award-types.js';

/** A SQLite store in a fresh temporary file; `dispose` closes it and removes the directory. */
export async function tempStore(): Promise<{ store: Store; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-usaspending-'));
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
  parallel?: number;
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

/** `usaspending:award_year_…` of each simulator fiscal year. */
export function fiscalYearKeys(sim: UsaspendingSimulator): string[] {
  return sim.fiscalYears().map((year) => `usaspending:award_year_${year.fiscalYear}`);
}

function fiscalYearOf(partitionKey: string): number {
  const match = /award_year_(\d{4})$/.exec(partitionKey);
  if (!match) throw new Error(`${partitionKey} is not a fiscal-year partition`);
  return Number(match[1]);
}

/** The generated_internal_ids a correct run stores for a partition, over the given groups. */
export function expectedAwardKeys(
  sim: UsaspendingSimulator,
  partitionKey: string,
  groups: readonly AwardTypeGroup[] = AWARD_TYPE_GROUPS,
  extra: UsaspendingFilters = {},
): string[] {
  const fy = fiscalYearOf(partitionKey);
  return groups.flatMap((group) => sim.truthKeys(sim.cohortFilters(fy, group, extra))).sort();
}

/** Keys the store holds for a partition, sorted. */
export async function storedKeys(store: Store, partitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.recordKeys('usaspending')) {
    const record = await store.getRecord('usaspending', key);
    if (record?.partitionKey === partitionKey) keys.push(key);
  }
  return keys.sort();
}
