import type { CompanionSimulator, SourceCompanion } from '@freshet/testkit';
import type { LoadedCompanion } from './companions.js';

/** A running simulator with the companion that started it. */
export interface SimulatorEntry extends LoadedCompanion {
  sourceId: string;
  simulator: CompanionSimulator;
}

/** The companions' simulators, running on 127.0.0.1, in the companions' order. */
export interface SimulatorSet {
  entries: readonly SimulatorEntry[];
  /** Each simulator with the source id it stands in for. */
  list(): Array<{ sourceId: string; simulator: CompanionSimulator }>;
  close(): Promise<void>;
}

/** How to start each simulator: as `freshet sim` serves it, or as the sandbox does. */
export type SimulatorProfile =
  | { kind: 'sim'; seed: number; sizes?: ReadonlyMap<string, Record<string, number>> }
  | { kind: 'sandbox'; seed: number; speedup: number };

/**
 * Starts one simulator per companion. With a port base, each listens on base + its slot (the
 * i-th, when it has none); without one (or with 0) each takes a free port. A failure closes the
 * ones already started.
 */
export async function startSimulatorSet(
  companions: readonly LoadedCompanion[],
  profile: SimulatorProfile,
  portBase = 0,
): Promise<SimulatorSet> {
  const entries: SimulatorEntry[] = [];
  try {
    for (const [index, loaded] of companions.entries()) {
      const port = portBase > 0 ? portBase + (loaded.slot ?? index) : undefined;
      const simulator = await start(loaded.companion, profile, port);
      entries.push({ ...loaded, sourceId: loaded.companion.sourceId, simulator });
    }
  } catch (err) {
    await closeAll(entries);
    throw err;
  }
  return {
    entries,
    list: () => entries.map(({ sourceId, simulator }) => ({ sourceId, simulator })),
    close: () => closeAll(entries),
  };
}

function start(companion: SourceCompanion, profile: SimulatorProfile, port: number | undefined) {
  if (profile.kind === 'sandbox')
    return companion.sandbox.start({ seed: profile.seed, speedup: profile.speedup });
  const sizes = profile.sizes?.get(companion.sourceId) ?? {};
  return companion.sim.start({ seed: profile.seed, sizes, ...(port === undefined ? {} : { port }) });
}

async function closeAll(entries: readonly SimulatorEntry[]): Promise<void> {
  await Promise.all(entries.map((e) => e.simulator.close().catch(() => {})));
}
