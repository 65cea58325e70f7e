import { type SbirSimulator, startSbirSimulator } from '@freshet/testkit';
import { testSource } from '@freshet/testkit/conformance';
import { awardKey, cohort, sbir } from './index.js';

// The behaviour every Freshet source must show, checked against the SBIR simulator through the
// full engine. Small pages (5 awards) make the first partition span six slices: DOD in three
// pages, NSF in two, and one request for EPA, which has no awards that year.
const AGENCIES = ['DOD', 'NSF', 'EPA'];
const SIZES: Record<string, number> = { DOD: 12, NSF: 6, EPA: 0 };

testSource<SbirSimulator>({
  name: 'freshet-source-sbir',
  startSimulator: () =>
    startSbirSimulator({
      seed: 7,
      firstYear: 2023,
      years: 2,
      agencies: AGENCIES,
      awardsPerAgencyYear: (year, agency) => (SIZES[agency] ?? 0) + (year - 2023),
      rateLimit: null,
    }),
  createSource: (simulator) =>
    sbir({ baseUrl: simulator.baseUrl, agencies: AGENCIES, rows: 5, firstYear: 2023 }),
  partitions: () => ['sbir:award_year_2023', 'sbir:award_year_2024'],
  expectedKeys: (simulator, partitionKey) => {
    const year = cohort.parse(partitionKey.slice('sbir:'.length)).ordinal;
    return simulator
      .truth({ year })
      .filter((award) => AGENCIES.includes(award.agency))
      .map(awardKey);
  },
});
