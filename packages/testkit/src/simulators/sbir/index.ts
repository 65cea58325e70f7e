import { servingOptions, startSimulator } from '../../sim/simulator.js';
import type { RateLimitConfig } from '../../sim/types.js';
import { SbirDataset } from './dataset.js';
import { findAwards } from './query.js';
import { sbirResponses, sbirRoutes, sbirSchemaChange } from './routes.js';
import type { SbirQuery, SbirSimulator, SbirSimulatorOptions } from './types.js';

/** SBIR.gov publishes no limit but throttles with 429; 60 a minute per client IP is an assumption. */
export const SBIR_DEFAULT_RATE_LIMIT: RateLimitConfig = { requests: 60, intervalMs: 60_000 };

export { SbirDataset } from './dataset.js';
export { DEFAULT_ROWS, MAX_ROWS } from './query.js';
export { SBIR_AWARDS_PATH } from './routes.js';
export * from './types.js';
export { SBIR_AGENCIES, type SbirAgencyCode } from './vocab.js';

/** Starts a simulated `api.www.sbir.gov` on 127.0.0.1 with a seeded dataset. */
export async function startSbirSimulator(options: SbirSimulatorOptions = {}): Promise<SbirSimulator> {
  const ds = new SbirDataset(options);
  return startSimulator({
    server: {
      name: 'sbir',
      routes: sbirRoutes(ds),
      ...servingOptions(options, SBIR_DEFAULT_RATE_LIMIT),
      // No API key: the limit applies per client IP.
      clientKey: ({ ip }) => `ip:${ip}`,
      schemaChange: sbirSchemaChange,
      responses: sbirResponses,
    },
    mutate: (opts) => ds.mutate(opts),
    extras: {
      size: ds.size,
      truth: (query?: SbirQuery) => findAwards(ds, query).map((award) => ({ ...award })),
      count: (query?: SbirQuery) => findAwards(ds, query).length,
      award: (awardLink: number) => {
        const award = ds.award(awardLink);
        return award ? { ...award } : undefined;
      },
      cohorts: () => ds.groups.map((g) => ({ ...g })),
    },
  });
}
