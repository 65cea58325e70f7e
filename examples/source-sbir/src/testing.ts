// The companion `freshet sim` and the sandbox use to simulate this source, published beside it as
// `freshet-source-sbir/testing`: where they look for it when a configuration lists this package
// (`{ use: 'freshet-source-sbir' }`, or an import of it). The source itself never imports it,
// nor @freshet/testkit.
import {
  defineCompanion,
  SBIR_DEFAULT_RATE_LIMIT,
  type SbirSimulator,
  speedUpRateLimit,
  startSbirSimulator,
} from '@freshet/testkit';
import { SOURCE_ID, sbir } from './source.js';

/** The agencies the sandbox walks: two, so each partition is a few slices. */
const SANDBOX_AGENCIES = ['DOD', 'NSF'];

const range = (sim: SbirSimulator) => {
  const years = sim.cohorts().map((c) => c.year);
  return `${Math.min(...years)}..${Math.max(...years)}`;
};

export const companion = defineCompanion<SbirSimulator>({
  sourceId: SOURCE_ID,
  source: { package: 'freshet-source-sbir', factory: 'sbir', create: sbir },
  range,
  sim: {
    sizes: {
      years: 'award years (default 3)',
      awardsPerAgencyYear: 'awards per year and agency (default: about 150 a year in all)',
    },
    start: ({ seed, port, sizes }) => startSbirSimulator({ ...sizes, seed, ...(port ? { port } : {}) }),
    options: (sim) => ({ baseUrl: sim.baseUrl }),
    describe: (sim) => `${sim.size} awards, years ${range(sim)}, 60 requests/min per IP (assumed)`,
  },
  sandbox: {
    // 2023..2024, 12 awards a year from each of two agencies: 4 pages of 4 per agency.
    start: ({ seed, speedup }) =>
      startSbirSimulator({
        seed,
        firstYear: 2023,
        years: 2,
        agencies: SANDBOX_AGENCIES,
        awardsPerAgencyYear: 12,
        rateLimit: speedUpRateLimit(SBIR_DEFAULT_RATE_LIMIT, speedup),
      }),
    options: (sim) => ({ baseUrl: sim.baseUrl, agencies: SANDBOX_AGENCIES, rows: 4 }),
  },
});

export default companion;
