import { SIMULATOR_API_KEY } from './keys.js';
import type { SimulatorProfile } from './simulator-set.js';

/**
 * What `freshet sim` serves: each simulator's own default dataset and the real API's rate
 * limits, so a configuration pointed at it meets the quotas it will meet live.
 */
export function simProfile(seed: number): SimulatorProfile {
  return {
    nih: { seed },
    samGov: { seed, apiKeys: [SIMULATOR_API_KEY] },
    usaspending: { seed },
    patentsview: { seed, apiKeys: [SIMULATOR_API_KEY] },
  };
}
