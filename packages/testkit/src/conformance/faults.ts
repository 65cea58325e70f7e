import type { PartitionResult } from '@freshet/core';
import { expect } from 'vitest';
import type { SimulatorStats } from '../sim/types.js';
import { totalCounts } from './engine.js';

export interface FaultRunTally {
  /** Faults the simulator injected, of every kind. */
  faults: number;
  retries: number;
  /** API calls, retries included. */
  calls: number;
  slices: number;
}

/**
 * Checks the accounting of a run through random faults (`setFaults({ rate, … })`): faults of
 * every kind were met, each cost exactly one retry but `slow` (a late answer, which costs none),
 * and no API call was made beyond the slices and their retries. Returns the figures, for a log
 * line.
 */
export function expectEachFaultRetriedOnce(
  stats: Pick<SimulatorStats, 'faultsInjected'>,
  results: readonly PartitionResult[],
): FaultRunTally {
  const faults = Object.values(stats.faultsInjected).reduce((sum, n) => sum + n, 0);
  const { retries, apiCalls: calls, slices } = totalCounts(results);
  expect(faults, 'faults injected').toBeGreaterThan(0);
  expect(retries, 'retries: one for every fault but slow').toBe(faults - stats.faultsInjected.slow);
  expect(calls, 'API calls: the slices and their retries').toBe(slices + retries);
  expect(
    Object.entries(stats.faultsInjected).filter(([, n]) => n === 0),
    'fault kinds never met',
  ).toEqual([]);
  return { faults, retries, calls, slices };
}
