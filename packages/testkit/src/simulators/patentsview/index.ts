import { servingOptions, startSimulator } from '../../sim/simulator.js';
import type { RateLimitConfig } from '../../sim/types.js';
import { PatentsViewDataset } from './dataset.js';
import { buildPatent } from './record.js';
import type { SortKey } from './request.js';
import {
  PATENTSVIEW_DEFAULT_HEADERS,
  patentsViewGate,
  patentsViewResponses,
  patentsViewRoutes,
  patentsViewSchemaChange,
} from './routes.js';
import { PatentSearch } from './search.js';
import type { PatentsViewSimulator, PatentsViewSimulatorOptions, PatentsViewTruthOptions } from './types.js';

/** The documented limit: 45 requests per minute per API key (a sliding window, as DRF's throttle). */
export const PATENTSVIEW_DEFAULT_RATE_LIMIT: RateLimitConfig = { requests: 45, intervalMs: 60_000 };

const PATENT_ID_ASC: SortKey[] = [{ field: 'patent_id', desc: false, kind: 'keyword' }];

/** The key the simulator accepts unless told otherwise (real keys look like `prefix.secret`). */
export const PATENTSVIEW_SIM_API_KEY = 'pvsim.0123456789abcdefghijklmnopqrstuv';

export { compareKeyword, PatentsViewDataset, padPatentId } from './dataset.js';
export {
  ALWAYS_RETURNED_GROUPS as PATENTSVIEW_ALWAYS_RETURNED_GROUPS,
  DEFAULT_FIELDS as PATENTSVIEW_DEFAULT_FIELDS,
  FIELD_LIST as PATENTSVIEW_FIELD_LIST,
  MAX_SIZE as PATENTSVIEW_MAX_SIZE,
} from './fields.js';
export { buildPatent } from './record.js';
export { DJANGO_404_HTML, PATENTSVIEW_500_HTML, PATENTSVIEW_PATENT_PATH } from './routes.js';
export * from './types.js';

/** Starts a simulated `search.patentsview.org` on 127.0.0.1 with a seeded dataset. */
export async function startPatentsViewSimulator(
  options: PatentsViewSimulatorOptions = {},
): Promise<PatentsViewSimulator> {
  const ds = new PatentsViewDataset(options);
  const search = new PatentSearch(ds);
  const apiKeys = new Set(options.apiKeys ?? [PATENTSVIEW_SIM_API_KEY]);
  const monthQuery = (month: string) => {
    const m = ds.month(month);
    if (!m) {
      throw new RangeError(
        `[freshet] [sim:patentsview] no month ${month}; the dataset has ${ds.months.map((x) => x.month).join(', ')}`,
      );
    }
    return { _and: [{ _gte: { patent_date: m.first } }, { _lte: { patent_date: m.last } }] };
  };
  const truthIndexes = (month: string, truth: PatentsViewTruthOptions = {}) => {
    const q = monthQuery(month);
    // The filter the API adds unless `exclude_withdrawn` is false, so truth shares its cache entry.
    const asked = truth.includeWithdrawn ? q : { _and: [{ withdrawn: false }, q] };
    return Array.from(search.hits(asked, PATENT_ID_ASC, false).order);
  };
  return startSimulator({
    server: {
      name: 'patentsview',
      routes: patentsViewRoutes(ds, search, options.oversizedPage ?? 'clamp'),
      ...servingOptions(options, PATENTSVIEW_DEFAULT_RATE_LIMIT),
      gate: patentsViewGate(apiKeys),
      defaultHeaders: PATENTSVIEW_DEFAULT_HEADERS,
      schemaChange: patentsViewSchemaChange,
      responses: patentsViewResponses,
    },
    mutate: (opts) => ds.mutate(opts),
    extras: {
      apiKey: [...apiKeys][0] ?? PATENTSVIEW_SIM_API_KEY,
      size: ds.size,
      months: () => ds.months.map((m) => ({ ...m, tuesdays: [...m.tuesdays] })),
      truth: (month: string, truth?: PatentsViewTruthOptions) =>
        truthIndexes(month, truth).map((i) => buildPatent(ds, i)),
      truthIds: (month: string, truth?: PatentsViewTruthOptions) =>
        truthIndexes(month, truth).map((i) => ds.ids[i]!),
      count: (month: string, truth?: PatentsViewTruthOptions) => truthIndexes(month, truth).length,
      patent: (patentId: string) => {
        const i = ds.indexOf(patentId);
        return i === undefined ? undefined : buildPatent(ds, i);
      },
      monthQuery,
    },
  });
}
