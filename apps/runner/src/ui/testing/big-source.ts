import { type AnySource, batchCohorts, emptyCounts, formatPartitionKey, type Store } from '@freshet/core';
import { fastQuota } from '../../test-support/sources.js';

/** A source of `count` numbered batches (`sam_gov:uei_batch_00001`…) with no API behind it. */
export function bigSource(count: number, id = 'sam_gov'): AnySource {
  const cohort = batchCohorts({ prefix: 'uei_batch', digits: 5 });
  return {
    id,
    cohort,
    quota: fastQuota,
    sla: '7d',
    options: {},
    listPartitions: async () => cohort.parseRange(`00001..${String(count).padStart(5, '0')}`),
    fetchSlice: async () => ({ records: [], cursor: null, done: true }),
    recordKey: (record: unknown) => String(record),
  };
}

/**
 * Checkpoints for the first partitions of a big source, as many runs would leave them: most
 * complete within the SLA, some complete long ago (stale), some failed, the rest never run.
 */
export async function seedBigSource(
  store: Store,
  source: AnySource,
  now: Date,
  shares: { fresh: number; stale: number; failed: number },
): Promise<void> {
  const cohorts = await source.listPartitions({ options: source.options, now });
  const day = 86_400_000;
  const total = shares.fresh + shares.stale + shares.failed;
  await store.transaction(async (tx) => {
    for (const [i, cohort] of cohorts.slice(0, total).entries()) {
      // Failures come in short runs, as an outage of the API leaves them.
      const failed = i % Math.ceil((total * 10) / shares.failed) < 10;
      const stale = !failed && i >= shares.fresh;
      const done = stale ? new Date(now.getTime() - 20 * day) : new Date(now.getTime() - day);
      await tx.saveCheckpoint({
        partitionKey: formatPartitionKey(source.id, cohort),
        source: source.id,
        cohort: cohort.key,
        status: failed ? 'failed' : 'complete',
        cursor: failed ? { offset: 100 } : null,
        attempt: 1,
        counts: { ...emptyCounts(), slices: 2, written: 100, apiCalls: 2 },
        runId: 'run_seeded',
        startedAt: done,
        updatedAt: done,
        completedAt: failed ? null : done,
        lastCompleteAt: failed ? null : done,
        durationMs: 1500,
        error: failed ? { code: 'HTTP_ERROR', message: 'HTTP 503 from the API after 3 attempts' } : null,
      });
    }
  });
}
