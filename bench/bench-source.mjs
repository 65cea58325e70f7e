// The engine's side of the benchmarks: a source over the bench API, and its engine wiring.
import {
  batchCohorts,
  createHttpClient,
  createLimiter,
  defineSource,
  parsePartitionKey,
} from '@freshet/core';

export const benchQuota = {
  maxConcurrent: 4,
  requestsPerInterval: 1_000_000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 10_000,
  retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000 },
};

export function benchSource({ baseUrl, batches, pageSize }) {
  const cohort = batchCohorts({ prefix: 'batch' });
  return defineSource({
    id: 'bench',
    cohort,
    quota: benchQuota,
    sla: '1d',
    options: {},
    listPartitions: async () => Array.from({ length: batches }, (_, i) => cohort.fromOrdinal(i + 1)),
    async fetchSlice({ partition, cursor, http, signal }) {
      const page = cursor?.page ?? 0;
      const { body } = await http.json({
        method: 'GET',
        url: `${baseUrl}/items`,
        query: { cohort: partition.cohort.key, page, size: pageSize },
        signal,
      });
      return { records: body.items, cursor: { page: page + 1 }, done: (page + 1) * pageSize >= body.total };
    },
    recordKey: (record) => record.id,
  });
}

export function engineSourcesFor(store, source) {
  const limiter = createLimiter({ sourceId: source.id, quota: source.quota, store });
  return new Map([
    [
      source.id,
      {
        source,
        quota: source.quota,
        slaMs: 86_400_000,
        limiter,
        createHttp: () => createHttpClient({ sourceId: source.id, limiter, quota: source.quota }),
      },
    ],
  ]);
}

export function workFor(source, batches) {
  return Array.from({ length: batches }, (_, i) => ({
    partition: parsePartitionKey(`bench:${source.cohort.fromOrdinal(i + 1).key}`, { bench: source.cohort }),
  }));
}
