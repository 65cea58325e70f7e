import { testSource } from '@freshet/testkit/conformance';
import { __name__, cohort } from './source.js';
import { type __Name__Simulator, start__Name__Simulator } from './testing.js';

// The behaviour every Freshet source must show, through the full engine against the simulator.
// Pages of 5 make each year's 12 items three slices.
testSource<__Name__Simulator>({
  name: '__package__',
  startSimulator: () => start__Name__Simulator({ rateLimit: null }),
  createSource: (simulator) => __name__({ baseUrl: simulator.baseUrl, pageSize: 5, firstYear: 2023 }),
  partitions: () => ['__id__:year_2023', '__id__:year_2024'],
  expectedKeys: (simulator, partitionKey) => {
    const year = cohort.parse(partitionKey.slice('__id__:'.length)).ordinal;
    return simulator.truth(year).map((item) => item.id);
  },
});
