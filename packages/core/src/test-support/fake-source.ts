import { z } from 'zod';
import { batchCohorts } from '../partitions/index.js';
import type { Quota } from '../quota/types.js';
import { defineSource, type Source } from '../source.js';
import type { FakeItem } from './fake-api.js';

export const fakeQuota: Quota = {
  maxConcurrent: 4,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 2000,
  retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
};

const pageSchema = z.object({ total: z.number(), page: z.number(), items: z.array(z.unknown()) });

/** A source over the fake API: numbered batches, one page per slice, cursor `{ page }`. */
export function fakeSource(options: {
  baseUrl: string;
  batches: number;
  pageSize?: number;
  quota?: Partial<Quota>;
}): Source<{ pageSize: number }, FakeItem, { page: number }> {
  const pageSize = options.pageSize ?? 10;
  const cohort = batchCohorts({ prefix: 'batch' });
  return defineSource({
    id: 'fake',
    cohort,
    quota: { ...fakeQuota, ...options.quota },
    sla: '1d',
    options: { pageSize },
    async listPartitions() {
      return Array.from({ length: options.batches }, (_, i) => cohort.fromOrdinal(i + 1));
    },
    async fetchSlice({ partition, cursor, http, signal }) {
      const page = cursor?.page ?? 0;
      const response = await http.request({
        method: 'GET',
        url: `${options.baseUrl}/items`,
        query: { cohort: partition.cohort.key, page, size: pageSize },
        signal,
      });
      const body = pageSchema.parse(JSON.parse(response.text));
      const done = (page + 1) * pageSize >= body.total;
      return { records: body.items as FakeItem[], cursor: { page: page + 1 }, done, total: body.total };
    },
    recordKey: (item) => item.id,
  });
}
