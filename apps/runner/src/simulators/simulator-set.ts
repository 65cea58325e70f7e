import {
  type NihSimulator,
  type NihSimulatorOptions,
  type PatentsViewSimulator,
  type PatentsViewSimulatorOptions,
  type SamGovSimulator,
  type SamGovSimulatorOptions,
  type Simulator,
  startNihSimulator,
  startPatentsViewSimulator,
  startSamGovSimulator,
  startUsaspendingSimulator,
  type UsaspendingSimulator,
  type UsaspendingSimulatorOptions,
} from '@freshet/testkit';

/** Datasets, rate limits and keys of the four simulators. */
export interface SimulatorProfile {
  nih: NihSimulatorOptions;
  samGov: SamGovSimulatorOptions;
  usaspending: UsaspendingSimulatorOptions;
  patentsview: PatentsViewSimulatorOptions;
}

/** The four API simulators, running on 127.0.0.1. */
export interface SimulatorSet {
  nih: NihSimulator;
  samGov: SamGovSimulator;
  usaspending: UsaspendingSimulator;
  patentsview: PatentsViewSimulator;
  /** Each simulator with the source id it stands in for, in a fixed order. */
  list(): Array<{ sourceId: string; simulator: Simulator<string | number> }>;
  close(): Promise<void>;
}

/** Port offsets from `--port-base`: the order the simulators are listed in. */
export const PORT_OFFSETS = { nih: 0, samGov: 1, usaspending: 2, patentsview: 3 } as const;

/**
 * Starts the four simulators. With a port base, simulator i listens on base + i; without one
 * (or with 0) each takes a free port. A failure closes the ones already started.
 */
export async function startSimulatorSet(profile: SimulatorProfile, portBase = 0): Promise<SimulatorSet> {
  const port = (offset: number) => (portBase > 0 ? { port: portBase + offset } : {});
  const started: Array<{ close(): Promise<void> }> = [];
  const track = async <T extends { close(): Promise<void> }>(start: Promise<T>): Promise<T> => {
    const sim = await start;
    started.push(sim);
    return sim;
  };
  try {
    const nih = await track(startNihSimulator({ ...profile.nih, ...port(PORT_OFFSETS.nih) }));
    const samGov = await track(startSamGovSimulator({ ...profile.samGov, ...port(PORT_OFFSETS.samGov) }));
    const usaspending = await track(
      startUsaspendingSimulator({ ...profile.usaspending, ...port(PORT_OFFSETS.usaspending) }),
    );
    const patentsview = await track(
      startPatentsViewSimulator({ ...profile.patentsview, ...port(PORT_OFFSETS.patentsview) }),
    );
    return {
      nih,
      samGov,
      usaspending,
      patentsview,
      list: () => [
        { sourceId: 'nih', simulator: nih },
        { sourceId: 'sam_gov', simulator: samGov },
        { sourceId: 'usaspending', simulator: usaspending },
        { sourceId: 'patentsview', simulator: patentsview },
      ],
      close: () => closeAll(started),
    };
  } catch (err) {
    await closeAll(started);
    throw err;
  }
}

async function closeAll(sims: Array<{ close(): Promise<void> }>): Promise<void> {
  await Promise.all(sims.map((sim) => sim.close().catch(() => {})));
}
