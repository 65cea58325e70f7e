import {
  PATENTSVIEW_DEFAULT_RATE_LIMIT,
  type PatentsViewSimulator,
  startPatentsViewSimulator,
} from '../simulators/patentsview/index.js';
import { COMPANION_API_KEY } from './keys.js';
import { speedUpRateLimit } from './speed-up.js';
import { defineCompanion } from './types.js';

const range = (sim: PatentsViewSimulator) => `${sim.months()[0]?.month}..${sim.months().at(-1)?.month}`;

/** PatentsView: patents by grant month. */
export const patentsviewCompanion = defineCompanion<PatentsViewSimulator>({
  sourceId: 'patentsview',
  source: { package: '@freshet/source-patentsview', factory: 'patentsview' },
  range,
  sim: {
    sizes: { months: 'grant months (default 3)', patentsPerMonth: 'patents per month (default 1,200)' },
    start: ({ seed, port, sizes }) =>
      startPatentsViewSimulator({ ...sizes, seed, apiKeys: [COMPANION_API_KEY], ...(port ? { port } : {}) }),
    options: (sim) => ({ baseUrl: sim.baseUrl, apiKey: COMPANION_API_KEY }),
    describe: (sim) =>
      `${sim.size} patents, months ${range(sim)}, key ${COMPANION_API_KEY}, 45 requests/min per key`,
  },
  sandbox: {
    // 2025-01..2025-03, 36 patents a month: 3 pages of 15.
    start: ({ seed, speedup }) =>
      startPatentsViewSimulator({
        seed,
        startMonth: '2025-01',
        months: 3,
        patentsPerMonth: 36,
        apiKeys: [COMPANION_API_KEY],
        rateLimit: speedUpRateLimit(PATENTSVIEW_DEFAULT_RATE_LIMIT, speedup),
      }),
    options: (sim) => ({ baseUrl: sim.baseUrl, apiKey: COMPANION_API_KEY, pageSize: 15 }),
  },
});
