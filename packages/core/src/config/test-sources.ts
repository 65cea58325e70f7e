import { monthCohorts } from '../partitions/month-cohorts.js';
import type { Quota } from '../quota/types.js';
import type { AnySource } from '../source.js';

/** Tests only: a quota a source might ship as its default. */
export const testQuota: Quota = {
  maxConcurrent: 2,
  requestsPerInterval: 10,
  intervalMs: 1_000,
  dailyBudget: 1_000,
  timeoutMs: 30_000,
  retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 },
};

/** Tests only: a Source-shaped object with month cohorts and no API behind it. */
export function testSource(id: string, extra: Partial<AnySource> = {}): AnySource {
  return {
    id,
    cohort: monthCohorts({ prefix: 'grant_month' }),
    quota: testQuota,
    sla: '30d',
    options: {},
    listPartitions: async () => [],
    fetchSlice: async () => ({ records: [], cursor: null, done: true }),
    recordKey: (record: unknown) => String(record),
    ...extra,
  };
}
