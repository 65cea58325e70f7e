import type { Clock, Store } from '@freshet/core';
import type { SimulatorSet } from '../simulators/simulator-set.js';

/** Meta key of the sandbox's generation: how many cycles this store has completed. */
export const GENERATION_META_KEY = 'sandbox.generation';
/** Share of each simulator's records that change upstream between two cycles. */
export const CHANGED_PER_GENERATION = 0.05;
export const DAY_MS = 86_400_000;

export async function readGeneration(store: Store): Promise<number> {
  const value = await store.getMeta(GENERATION_META_KEY);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

export function saveGeneration(store: Store, generation: number): Promise<void> {
  return store.setMeta(GENERATION_META_KEY, generation);
}

/**
 * The sandbox's clock: `generation` days ahead of `base`, so each cycle is a day after the
 * last and daily SLAs come due, while the cycle itself runs in real time.
 */
export function sandboxClock(base: Clock, generation: number): Clock {
  const offsetMs = generation * DAY_MS;
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    sleep: (ms, signal) => base.sleep(ms, signal),
  };
}

/**
 * Replays the upstream changes of generations 1..`generation` on simulators freshly started
 * from the sandbox seed, so they hold what the APIs would hold by now. Returns how many records
 * of each source the latest generation changed.
 */
export function replayGenerations(sims: SimulatorSet, generation: number): Map<string, number> {
  const latest = replayGenerationKeys(sims, generation);
  return new Map([...latest].map(([sourceId, keys]) => [sourceId, keys.length]));
}

/** `replayGenerations`, returning the keys the latest generation changed (as the simulator names them). */
export function replayGenerationKeys(
  sims: SimulatorSet,
  generation: number,
): Map<string, ReadonlyArray<string | number>> {
  const latest = new Map<string, ReadonlyArray<string | number>>();
  for (let g = 1; g <= generation; g++) {
    for (const { sourceId, simulator } of sims.list()) {
      const { changed } = simulator.mutate({ fraction: CHANGED_PER_GENERATION, seed: g });
      latest.set(sourceId, changed);
    }
  }
  return latest;
}
