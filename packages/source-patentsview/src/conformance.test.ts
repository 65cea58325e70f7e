import { startPatentsViewSimulator } from '@freshet/testkit';
import { testSource } from '@freshet/testkit/conformance';
import { patentsview } from './source.js';
import { expectedIds, monthPartitionKeys } from './test-support.js';

testSource({
  name: 'patentsview',
  // Small months, rate limiting off: the first month spans four pages of 100.
  startSimulator: () =>
    startPatentsViewSimulator({
      seed: 3,
      months: 2,
      patentsPerMonth: (m) => [350, 120][m]!,
      rateLimit: null,
    }),
  createSource: (sim) => patentsview({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, pageSize: 100 }),
  partitions: (sim) => monthPartitionKeys(sim),
  expectedKeys: (sim, key) => expectedIds(sim, key),
});
