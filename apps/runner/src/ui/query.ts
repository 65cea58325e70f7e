import type { RunStatus } from '@freshet/core';
import { PARTITION_STATES, type PartitionState } from '../views/partition-states.js';
import { RUN_STATUSES } from '../views/run-statuses.js';

/** A whole number from the query within [min, max], else the fallback. */
export function intParam(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

export function runStatusParam(value: string | undefined): RunStatus | null {
  return RUN_STATUSES.find((s) => s === value) ?? null;
}

export function stateParam(value: string | undefined): PartitionState | null {
  return PARTITION_STATES.find((s) => s === value) ?? null;
}
