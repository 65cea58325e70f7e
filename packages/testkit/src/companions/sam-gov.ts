import { type SamGovSimulator, startSamGovSimulator } from '../simulators/sam-gov/index.js';
import { COMPANION_API_KEY } from './keys.js';
import { defineCompanion } from './types.js';

/** UEIs the sandbox's SAM.gov source looks up: registered ones, and two the API does not know. */
const REGISTERED_UEIS = 45;
const UNKNOWN_UEIS = 2;
const UEI_FILE = 'ueis.txt';

/** SAM.gov entity registrations, looked up by UEI in batches. */
export const samGovCompanion = defineCompanion<SamGovSimulator>({
  sourceId: 'sam_gov',
  source: { package: '@freshet/source-sam-gov', factory: 'samGov' },
  sim: {
    sizes: { entities: 'registered entities (default 1,000)' },
    start: ({ seed, port, sizes }) =>
      startSamGovSimulator({ ...sizes, seed, apiKeys: [COMPANION_API_KEY], ...(port ? { port } : {}) }),
    files: (sim) => ({ [UEI_FILE]: sim.ueis() }),
    options: (sim, files) => ({ baseUrl: sim.baseUrl, apiKey: COMPANION_API_KEY, ueiFile: files[UEI_FILE] }),
    describe: (sim) =>
      `${sim.size} entities, key ${COMPANION_API_KEY}, ${sim.dailyLimit ?? 'unlimited'} requests/day per key`,
  },
  sandbox: {
    // The daily per-key quota (1,000) is a count, not a rate: it is not sped up.
    start: ({ seed }) => startSamGovSimulator({ seed, entities: 120, apiKeys: [COMPANION_API_KEY] }),
    options: (sim) => ({
      baseUrl: sim.baseUrl,
      apiKey: COMPANION_API_KEY,
      ueis: [...sim.ueis().slice(0, REGISTERED_UEIS), ...sim.missingUeis(UNKNOWN_UEIS)],
      batchSize: 20,
    }),
  },
});
