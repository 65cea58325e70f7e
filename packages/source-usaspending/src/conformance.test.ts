import { startUsaspendingSimulator, type UsaspendingSimulator } from '@freshet/testkit';
import { testSource } from '@freshet/testkit/conformance';
import { usaspending } from './source.js';
import { expectedAwardKeys, fiscalYearKeys } from './test-support.js';

const GROUPS = ['contracts', 'grants'] as const;

testSource<UsaspendingSimulator>({
  name: 'usaspending',
  // 25 contracts and 25 grants a fiscal year: 3 pages of 10 each, 6 slices a partition.
  startSimulator: () => startUsaspendingSimulator({ seed: 5, awardsPerYear: 25, rateLimit: null }),
  createSource: (sim) => usaspending({ baseUrl: sim.baseUrl, awardTypeGroups: [...GROUPS], limit: 10 }),
  partitions: (sim) => fiscalYearKeys(sim),
  expectedKeys: (sim, key) => expectedAwardKeys(sim, key, GROUPS),
  skip: {
    rateLimit:
      'USAspending documents no rate limit and never answers 429: excess gets a 503 with Retry-After or an empty reply; engine.test.ts checks the back-off from both',
  },
});
