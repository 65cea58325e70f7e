import {
  NIH_DEFAULT_RATE_LIMIT,
  type NihSimulator,
  SBIR_STTR_ACTIVITY_CODES,
  startNihSimulator,
} from '../simulators/nih/index.js';
import { speedUpRateLimit } from './speed-up.js';
import { defineCompanion } from './types.js';

const range = (sim: NihSimulator) => `${sim.weeks()[0]?.isoWeek}..${sim.weeks().at(-1)?.isoWeek}`;

/** NIH RePORTER: SBIR/STTR projects by ISO week of award notice. */
export const nihCompanion = defineCompanion<NihSimulator>({
  sourceId: 'nih',
  source: { package: '@freshet/source-nih', factory: 'nih' },
  range,
  sim: {
    sizes: { weeks: 'ISO weeks of projects (default 8)', projectsPerWeek: 'projects per week (default 150)' },
    start: ({ seed, port, sizes }) => startNihSimulator({ ...sizes, seed, ...(port ? { port } : {}) }),
    options: (sim) => ({ baseUrl: sim.baseUrl }),
    describe: (sim) => `${sim.size} projects, weeks ${range(sim)}, 1 request/s per IP`,
  },
  sandbox: {
    // Three ISO weeks (2025-W02..W04) of 30 SBIR/STTR projects: 4 pages of 10 each.
    start: ({ seed, speedup }) =>
      startNihSimulator({
        seed,
        startDate: '2025-01-06',
        weeks: 3,
        projectsPerWeek: 30,
        activityCodes: SBIR_STTR_ACTIVITY_CODES,
        rateLimit: speedUpRateLimit(NIH_DEFAULT_RATE_LIMIT, speedup),
      }),
    options: (sim) => ({ baseUrl: sim.baseUrl, limit: 10 }),
  },
});
