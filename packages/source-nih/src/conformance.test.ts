import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { testSource } from '@freshet/testkit/conformance';
import { nih } from './source.js';
import { expectedApplIds, weekPartitionKeys } from './test-support.js';

testSource<NihSimulator>({
  name: 'nih',
  // About 85 SBIR/STTR projects a week: 5 pages of 20.
  startSimulator: () => startNihSimulator({ seed: 5, weeks: 3, projectsPerWeek: 120, rateLimit: null }),
  createSource: (sim) => nih({ baseUrl: sim.baseUrl, limit: 20 }),
  partitions: (sim) => weekPartitionKeys(sim),
  expectedKeys: (sim, key) => expectedApplIds(sim, key),
});
