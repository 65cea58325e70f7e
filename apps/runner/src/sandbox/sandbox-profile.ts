import {
  NIH_DEFAULT_RATE_LIMIT,
  PATENTSVIEW_DEFAULT_RATE_LIMIT,
  SBIR_STTR_ACTIVITY_CODES,
  USASPENDING_DEFAULT_RATE_LIMIT,
} from '@freshet/testkit';
import { SIMULATOR_API_KEY } from '../simulators/keys.js';
import type { SimulatorProfile } from '../simulators/simulator-set.js';
import { speedUpRateLimit } from './speed-up.js';

/** The seed every sandbox cycle starts the simulators from; the generations mutate from there. */
export const SANDBOX_SEED = 2025;

/**
 * Small datasets, a few partitions per source, each partition several pages at the page sizes
 * the sandbox's sources ask for (see `sandbox-sources.ts`), and the APIs' rate limits sped up
 * as much as the sources' quotas are.
 */
export function sandboxProfile(speedup: number, seed = SANDBOX_SEED): SimulatorProfile {
  return {
    // Three ISO weeks (2025-W02..W04) of 30 SBIR/STTR projects: 4 pages of 10 each.
    nih: {
      seed,
      startDate: '2025-01-06',
      weeks: 3,
      projectsPerWeek: 30,
      activityCodes: SBIR_STTR_ACTIVITY_CODES,
      rateLimit: speedUpRateLimit(NIH_DEFAULT_RATE_LIMIT, speedup),
    },
    // The daily per-key quota (1,000) is a count, not a rate: it stays.
    samGov: { seed, entities: 120, apiKeys: [SIMULATOR_API_KEY] },
    // FY2023..FY2025, 30 contracts and 20 grants a year: 5 pages of 10 a year.
    usaspending: {
      seed,
      firstFiscalYear: 2023,
      fiscalYears: 3,
      awardsPerYear: { contracts: 30, grants: 20, idvs: 0, direct_payments: 0, loans: 0, other: 0 },
      rateLimit: speedUpRateLimit(USASPENDING_DEFAULT_RATE_LIMIT, speedup),
    },
    // 2025-01..2025-03, 36 patents a month: 3 pages of 15.
    patentsview: {
      seed,
      startMonth: '2025-01',
      months: 3,
      patentsPerMonth: 36,
      apiKeys: [SIMULATOR_API_KEY],
      rateLimit: speedUpRateLimit(PATENTSVIEW_DEFAULT_RATE_LIMIT, speedup),
    },
  };
}
