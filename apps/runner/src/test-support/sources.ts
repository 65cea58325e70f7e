import {
  type AnySource,
  type Checkpoint,
  emptyCounts,
  isoWeekCohorts,
  monthCohorts,
  parseDuration,
  type Quota,
  type ResolvedSource,
} from '@freshet/core';

export const fastQuota: Quota = {
  maxConcurrent: 4,
  requestsPerInterval: 1000,
  intervalMs: 1000,
  dailyBudget: null,
  timeoutMs: 5000,
  retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
};

/** A source with ISO-week cohorts (`<id>:project_week_2025-W12`) and no API behind it. */
export function weekSource(id = 'nih', extra: Partial<AnySource> = {}): AnySource {
  const cohort = isoWeekCohorts({ prefix: 'project_week' });
  return {
    id,
    cohort,
    quota: fastQuota,
    sla: '7d',
    options: {},
    listPartitions: async ({ range }) => cohort.parseRange(range ?? '2025-W10..2025-W12'),
    fetchSlice: async () => ({ records: [], cursor: null, done: true }),
    recordKey: (record: unknown) => String(record),
    ...extra,
  };
}

/** A source with month cohorts (`<id>:grant_month_2025-01`). */
export function monthSource(id = 'patentsview', extra: Partial<AnySource> = {}): AnySource {
  const cohort = monthCohorts({ prefix: 'grant_month' });
  return weekSource(id, {
    cohort,
    sla: '30d',
    listPartitions: async ({ range }) => cohort.parseRange(range ?? '2025-01..2025-02'),
    ...extra,
  });
}

/** The ResolvedSource `resolveConfig` would make of `source` with these settings. */
export function resolved(
  source: AnySource,
  settings: { dailyBudget?: number | null; sla?: string; enabled?: boolean; range?: string } = {},
): ResolvedSource {
  const sla = settings.sla ?? source.sla;
  return {
    source,
    quota: { ...source.quota, dailyBudget: settings.dailyBudget ?? source.quota.dailyBudget },
    sla,
    slaMs: parseDuration(sla),
    enabled: settings.enabled ?? true,
    ...(settings.range === undefined ? {} : { range: settings.range }),
  };
}

/** A checkpoint as the engine would leave it. */
export function checkpoint(partitionKey: string, patch: Partial<Checkpoint> = {}): Checkpoint {
  const [source = '', cohort = ''] = partitionKey.split(':');
  const at = new Date('2025-03-01T00:00:00Z');
  return {
    partitionKey,
    source,
    cohort,
    status: 'complete',
    cursor: null,
    attempt: 1,
    counts: emptyCounts(),
    runId: 'run_old',
    startedAt: at,
    updatedAt: at,
    completedAt: at,
    lastCompleteAt: at,
    durationMs: 1000,
    error: null,
    ...patch,
  };
}
