import {
  startUsaspendingSimulator,
  USASPENDING_DEFAULT_RATE_LIMIT,
  type UsaspendingSimulator,
} from '../simulators/usaspending/index.js';
import { speedUpRateLimit } from './speed-up.js';
import { defineCompanion } from './types.js';

const range = (sim: UsaspendingSimulator) =>
  `${sim.fiscalYears()[0]?.fiscalYear}..${sim.fiscalYears().at(-1)?.fiscalYear}`;

/** USAspending: awards by fiscal year of the action date. */
export const usaspendingCompanion = defineCompanion<UsaspendingSimulator>({
  sourceId: 'usaspending',
  source: { package: '@freshet/source-usaspending', factory: 'usaspending' },
  range,
  sim: {
    sizes: {
      fiscalYears: 'fiscal years (default 3)',
      awardsPerYear: 'awards per fiscal year and award type group (default: 240 contracts, 180 grants, …)',
    },
    start: ({ seed, port, sizes }) =>
      startUsaspendingSimulator({ ...sizes, seed, ...(port ? { port } : {}) }),
    options: (sim) => ({ baseUrl: sim.baseUrl }),
    describe: (sim) => `${sim.size} awards, fiscal years ${range(sim)}, 120 requests/min per IP`,
  },
  sandbox: {
    // FY2023..FY2025, 30 contracts and 20 grants a year: 5 pages of 10 a year.
    start: ({ seed, speedup }) =>
      startUsaspendingSimulator({
        seed,
        firstFiscalYear: 2023,
        fiscalYears: 3,
        awardsPerYear: { contracts: 30, grants: 20, idvs: 0, direct_payments: 0, loans: 0, other: 0 },
        rateLimit: speedUpRateLimit(USASPENDING_DEFAULT_RATE_LIMIT, speedup),
      }),
    options: (sim) => ({ baseUrl: sim.baseUrl, awardTypeGroups: ['contracts', 'grants'], limit: 10 }),
  },
});
