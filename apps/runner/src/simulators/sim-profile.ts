import { SIMULATOR_API_KEY } from './keys.js';
import type { SimulatorProfile } from './simulator-set.js';

/** Dataset sizes `freshet sim` takes as options; each simulator's own default otherwise. */
export interface SimDatasetSizes {
  nihWeeks?: number;
  nihProjectsPerWeek?: number;
  samEntities?: number;
  usaspendingFiscalYears?: number;
  usaspendingAwardsPerYear?: number;
  patentsviewMonths?: number;
  patentsviewPatentsPerMonth?: number;
}

const given = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/**
 * What `freshet sim` serves: each simulator's default dataset (or the sizes given) and the real
 * API's rate limits, so a configuration pointed at it meets the quotas it will meet live.
 */
export function simProfile(seed: number, sizes: SimDatasetSizes = {}): SimulatorProfile {
  return {
    nih: { seed, ...given('weeks', sizes.nihWeeks), ...given('projectsPerWeek', sizes.nihProjectsPerWeek) },
    samGov: { seed, apiKeys: [SIMULATOR_API_KEY], ...given('entities', sizes.samEntities) },
    usaspending: {
      seed,
      ...given('fiscalYears', sizes.usaspendingFiscalYears),
      ...given('awardsPerYear', sizes.usaspendingAwardsPerYear),
    },
    patentsview: {
      seed,
      apiKeys: [SIMULATOR_API_KEY],
      ...given('months', sizes.patentsviewMonths),
      ...given('patentsPerMonth', sizes.patentsviewPatentsPerMonth),
    },
  };
}
