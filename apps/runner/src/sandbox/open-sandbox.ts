import type { Clock, ResolvedConfig, Store } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import type { LoadedCompanion } from '../simulators/companions.js';
import { type SimulatorSet, startSimulatorSet } from '../simulators/simulator-set.js';
import { readGeneration, replayGenerations, sandboxClock } from './generation.js';
import { type SandboxPaths, sandboxConfig, sandboxPaths } from './sandbox-config.js';
import { sandboxSources } from './sandbox-sources.js';

/** The seed every sandbox cycle starts the simulators from; the generations mutate from there. */
export const SANDBOX_SEED = 2025;

/** Everything one sandbox cycle works with; `close` stops the simulators and the store. */
export interface SandboxSession {
  paths: SandboxPaths;
  store: Store;
  /** Cycles this store completed before this one. */
  generation: number;
  /** Base clock plus `generation` days. */
  clock: Clock;
  sims: SimulatorSet;
  config: ResolvedConfig;
  speedup: number;
  /** Records each source's latest upstream generation changed (empty on a first cycle). */
  changedUpstream: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Opens the sandbox's store, reads its generation, and starts the companions' simulators from
 * the sandbox seed with every past generation's upstream changes replayed.
 */
export async function openSandbox(options: {
  dir: string;
  speedup: number;
  baseClock: Clock;
  /** Whose simulators to start and sources to run. */
  companions: readonly LoadedCompanion[];
}): Promise<SandboxSession> {
  const paths = sandboxPaths(options.dir);
  const store = await openSqliteStore({ path: paths.storePath });
  let sims: SimulatorSet | undefined;
  try {
    const generation = await readGeneration(store);
    sims = await startSimulatorSet(options.companions, {
      kind: 'sandbox',
      seed: SANDBOX_SEED,
      speedup: options.speedup,
    });
    const changedUpstream = replayGenerations(sims, generation);
    const config = await sandboxConfig(paths, await sandboxSources(sims, options.speedup));
    const running = sims;
    return {
      paths,
      store,
      generation,
      clock: sandboxClock(options.baseClock, generation),
      sims,
      config,
      speedup: options.speedup,
      changedUpstream,
      async close() {
        await running.close();
        await store.close();
      },
    };
  } catch (err) {
    await sims?.close();
    await store.close();
    throw err;
  }
}
