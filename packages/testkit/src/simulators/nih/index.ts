import { servingOptions, startSimulator } from '../../sim/simulator.js';
import type { RateLimitConfig } from '../../sim/types.js';
import { NihDataset } from './dataset.js';
import { parseCriteria, SearchCache } from './query.js';
import { buildRecord } from './record.js';
import { type NihOrderState, nihGatewayHeaders, nihResponses, nihRoutes, nihSchemaChange } from './routes.js';
import type { NihCriteria, NihResultOrder, NihSimulator, NihSimulatorOptions } from './types.js';
import { SBIR_STTR_ACTIVITY_CODES } from './vocab.js';

/** The docs ask for at most one request per second; RePORTER blocks IPs that push harder. */
export const NIH_DEFAULT_RATE_LIMIT: RateLimitConfig = { requests: 1, intervalMs: 1000 };

export { NihDataset } from './dataset.js';
export { LIMIT_TOO_LARGE, MAX_LIMIT, MAX_OFFSET, OFFSET_TOO_LARGE } from './query.js';
export { buildRecord } from './record.js';
export { NIH_GATEWAY_LIMIT, NIH_SEARCH_PATH } from './routes.js';
export * from './types.js';
export { isSbirSttr, SBIR_STTR_ACTIVITY_CODES } from './vocab.js';

/** Starts a simulated `api.reporter.nih.gov` on 127.0.0.1 with a seeded dataset. */
export async function startNihSimulator(options: NihSimulatorOptions = {}): Promise<NihSimulator> {
  const ds = new NihDataset(options);
  const cache = new SearchCache(ds);
  const order: NihOrderState = { order: options.resultOrder ?? 'asked', searches: 0 };
  const find = (criteria?: NihCriteria) => {
    const { criteria: compiled, key } = parseCriteria(ds, criteria);
    return cache.get(compiled, key, null, false);
  };
  return startSimulator({
    server: {
      name: 'nih',
      routes: nihRoutes(ds, cache, order),
      ...servingOptions(options, NIH_DEFAULT_RATE_LIMIT),
      // No API key: RePORTER limits (and blocks) by client IP.
      clientKey: ({ ip }) => `ip:${ip}`,
      rateLimitHeaders: nihGatewayHeaders(options.clock),
      schemaChange: nihSchemaChange,
      responses: nihResponses,
    },
    mutate: (opts) => ds.mutate(opts),
    extras: {
      size: ds.size,
      truth: (criteria?: NihCriteria) => Array.from(find(criteria), (i) => buildRecord(ds, i)),
      truthApplIds: (criteria?: NihCriteria) => Array.from(find(criteria), (i) => ds.applId[i] as number),
      count: (criteria?: NihCriteria) => find(criteria).length,
      project: (applId: number) => {
        const i = ds.indexOf(applId);
        return i === undefined ? undefined : buildRecord(ds, i);
      },
      weeks: () => ds.weeks.map((w) => ({ ...w })),
      setResultOrder: (next: NihResultOrder) => {
        order.order = next;
      },
      weekCriteria: (weekIndex: number, activityCodes: readonly string[] = SBIR_STTR_ACTIVITY_CODES) => {
        const week = ds.weeks[weekIndex];
        if (!week)
          throw new RangeError(
            `[freshet] [sim:nih] no week ${weekIndex}; the dataset has ${ds.weeks.length}`,
          );
        return {
          activity_codes: [...activityCodes],
          award_notice_date: { from_date: week.from, to_date: week.to },
        };
      },
    },
  });
}
