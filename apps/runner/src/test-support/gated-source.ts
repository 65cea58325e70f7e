import type { AnySource } from '@freshet/core';
import { weekSource } from './sources.js';

export interface GatedSource {
  source: AnySource;
  /** Resolves once this many second slices are waiting at the gate. */
  waiting(count: number): Promise<void>;
  open(): void;
}

/**
 * A week source whose partitions take three slices of one record each; every second slice
 * waits at a gate until the test opens it (or the request's signal aborts). A run can so be
 * caught with slices in flight, and stopped with each partition half done.
 */
export function gatedSource(id = 'nih'): GatedSource {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let atGate = 0;
  const watchers: Array<{ count: number; resolve: () => void }> = [];
  const source = weekSource(id, {
    async fetchSlice({ partition, cursor, signal }) {
      const step = (cursor as { step?: number } | null)?.step ?? 0;
      if (step === 1) {
        atGate += 1;
        for (const w of watchers.filter((w) => atGate >= w.count)) w.resolve();
        await new Promise<void>((resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          void gate.then(resolve);
        });
      }
      return {
        records: [{ key: `${partition.cohort.key}-${step}` }],
        cursor: { step: step + 1 },
        done: step === 2,
      };
    },
    recordKey: (record: unknown) => (record as { key: string }).key,
  });
  return {
    source,
    waiting: (count) =>
      new Promise<void>((resolve) => {
        if (atGate >= count) resolve();
        else watchers.push({ count, resolve });
      }),
    open,
  };
}
