import type { PartitionResult } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, type FaultKind } from '../sim/types.js';
import { expectEachFaultRetriedOnce } from './faults.js';

const everyKindOnce = () =>
  Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 1])) as Record<FaultKind, number>;

const result = (slices: number, retries: number, apiCalls = slices + retries): PartitionResult => ({
  partitionKey: 'p',
  source: 's',
  outcome: 'complete',
  counts: { slices, written: 0, unchanged: 0, failed: 0, notFound: 0, apiCalls },
  retries,
  durationMs: 0,
  error: null,
  resumed: false,
});

describe('expectEachFaultRetriedOnce', () => {
  it('passes a run where every fault but slow cost one retry, and returns the figures', () => {
    const faults = FAULT_KINDS.length;
    expect(
      expectEachFaultRetriedOnce({ faultsInjected: everyKindOnce() }, [
        result(10, 4),
        result(5, faults - 1 - 4),
      ]),
    ).toEqual({ faults, retries: faults - 1, calls: 15 + faults - 1, slices: 15 });
  });

  it('fails a run with a retry too many or too few, a call too many, or a kind never met', () => {
    const faults = FAULT_KINDS.length;
    const check = (stats: Record<FaultKind, number>, results: PartitionResult[]) => () =>
      expectEachFaultRetriedOnce({ faultsInjected: stats }, results);
    expect(check(everyKindOnce(), [result(10, faults)])).toThrow(/retries/);
    expect(check(everyKindOnce(), [result(10, faults - 2)])).toThrow(/retries/);
    expect(check(everyKindOnce(), [result(10, faults - 1, 10 + faults)])).toThrow(/API calls/);
    expect(check({ ...everyKindOnce(), reset: 0, http500: 2 }, [result(10, faults - 1)])).toThrow(
      /never met/,
    );
    expect(check(Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as never, [result(3, 0)])).toThrow(
      /faults injected/,
    );
  });
});
