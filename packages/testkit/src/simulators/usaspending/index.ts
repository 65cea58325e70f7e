import { servingOptions, startSimulator } from '../../sim/simulator.js';
import type { RateLimitConfig, Simulator } from '../../sim/types.js';
import { UsaspendingDataset } from './dataset.js';
import { SearchCache } from './query.js';
import { buildRow, FIELD_MAPPINGS } from './record.js';
import { type ParsedFilters, parseFilterObject } from './request.js';
import {
  countByGroup,
  DEFAULT_MAX_RESULT_WINDOW,
  usaspendingResponses,
  usaspendingRoutes,
  usaspendingSchemaChange,
} from './routes.js';
import { ApiError } from './tinyshield.js';
import type {
  UsaspendingFilters,
  UsaspendingSimulator,
  UsaspendingSimulatorOptions,
  UsaspendingTruthQuery,
} from './types.js';
import { GROUP_CODES } from './vocab.js';

/**
 * The API documents no rate limit; 120 per minute is the rate the original pipeline kept to.
 * The spike limit stands for the gateway that answers bursts with empty replies.
 */
export const USASPENDING_DEFAULT_RATE_LIMIT: RateLimitConfig = {
  requests: 120,
  intervalMs: 60_000,
  burst: 10,
};

export { FIRST_SEARCHABLE_FISCAL_YEAR, fiscalYearDays, UsaspendingDataset } from './dataset.js';
export { buildRow, FIELD_MAPPINGS } from './record.js';
export { API_SEARCH_MIN_DATE, DEFAULT_LIMIT, MAX_LIMIT, TIME_PERIOD_MESSAGE } from './request.js';
export { COUNT_PATH, DEFAULT_MAX_RESULT_WINDOW, mixedGroupsDetail, SEARCH_PATH } from './routes.js';
export * from './types.js';
export { ALL_AWARD_TYPE_CODES, AWARD_TYPE_GROUPS, GROUP_CODES, TYPE_MAPPINGS } from './vocab.js';

function parse(filters: UsaspendingFilters): ParsedFilters {
  try {
    return parseFilterObject(filters);
  } catch (error) {
    const detail = error instanceof ApiError ? JSON.stringify(error.detail) : String(error);
    throw new TypeError(`[freshet] [sim:usaspending] invalid filters: ${detail}`);
  }
}

/** Starts a simulated `api.usaspending.gov` on 127.0.0.1 with a seeded dataset. */
export async function startUsaspendingSimulator(
  options: UsaspendingSimulatorOptions = {},
): Promise<UsaspendingSimulator> {
  const ds = new UsaspendingDataset(options);
  const cache = new SearchCache(ds);
  const sorted = (filters: UsaspendingFilters, query: UsaspendingTruthQuery = {}) =>
    cache.get(parse(filters), {
      field: query.sort ?? 'Award ID',
      descending: (query.order ?? 'desc') === 'desc',
    });
  return startSimulator({
    server: {
      name: 'usaspending',
      routes: usaspendingRoutes(ds, cache, {
        maxResultWindow: options.maxResultWindow ?? DEFAULT_MAX_RESULT_WINDOW,
        totalHitsCap: options.totalHitsCap ?? null,
      }),
      ...servingOptions(options, USASPENDING_DEFAULT_RATE_LIMIT),
      // No API key: limits, if any, are per client IP.
      clientKey: ({ ip }) => `ip:${ip}`,
      schemaChange: usaspendingSchemaChange,
      responses: usaspendingResponses,
      defaultHeaders: {
        vary: 'Accept, Cookie, Origin',
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
      },
    },
    mutate: (opts) => ds.mutate(opts),
    extras: {
      size: ds.size,
      fiscalYears: () => ds.years.map((y) => ({ ...y, counts: { ...y.counts } })),
      cohortFilters: (fiscalYear, group, extra = {}) => {
        const year = ds.years.find((y) => y.fiscalYear === fiscalYear);
        const start = year?.start ?? `${fiscalYear - 1}-10-01`;
        const end = year?.end ?? `${fiscalYear}-09-30`;
        return {
          ...extra,
          award_type_codes: [...GROUP_CODES[group]],
          time_period: [{ start_date: start, end_date: end, date_type: 'action_date' as const }],
        };
      },
      truth: (filters, query = {}) =>
        Array.from(sorted(filters, query).order, (i) =>
          buildRow(ds, i, query.fields ?? Object.keys(FIELD_MAPPINGS[ds.groupOf(i)])),
        ),
      truthKeys: (filters) => Array.from(sorted(filters).order, (i) => ds.generatedId[i] as string).sort(),
      count: (filters) => sorted(filters).order.length,
      groupCounts: (filters) => countByGroup(ds, cache, parse(filters)),
      award: (generatedId, fields) => {
        const i = ds.indexOf(generatedId);
        return i === undefined
          ? undefined
          : buildRow(ds, i, fields ?? Object.keys(FIELD_MAPPINGS[ds.groupOf(i)]));
      },
    } satisfies Omit<UsaspendingSimulator, keyof Simulator<string>>,
  });
}
