import { type SamGovSimulator, startSamGovSimulator } from '@freshet/testkit';
import { testSource } from '@freshet/testkit/conformance';
import { batchUeis } from './batches.js';
import { samGovRecordKey } from './record-key.js';
import { samGov } from './source.js';
import type { SamGovEntity } from './types.js';

const BATCH_SIZE = 40;

/** Every other registered UEI of the first 140, and five SAM.gov does not know: two batches. */
function ueiList(sim: SamGovSimulator): string[] {
  return [
    ...sim
      .ueis()
      .filter((_, i) => i % 2 === 0)
      .slice(0, 70),
    ...sim.missingUeis(5),
  ].sort();
}

testSource<SamGovSimulator>({
  name: 'sam_gov',
  startSimulator: () => startSamGovSimulator({ seed: 2, entities: 300, rateLimit: null }),
  createSource: (sim) =>
    samGov({ apiKey: sim.apiKey, baseUrl: sim.baseUrl, ueis: ueiList(sim), batchSize: BATCH_SIZE }),
  // 40 UEIs, 37 or so registered: 4 pages of 10.
  partitions: () => ['sam_gov:uei_batch_0001', 'sam_gov:uei_batch_0002'],
  expectedKeys: (sim, partitionKey) => {
    const ordinal = Number(partitionKey.slice(-4));
    const ueis = batchUeis(ueiList(sim), ordinal, BATCH_SIZE) ?? [];
    // One record per registration: some UEIs have several.
    return (sim.truth(ueis) as unknown as SamGovEntity[]).map(samGovRecordKey);
  },
});
