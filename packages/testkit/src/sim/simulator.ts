import { type SimulatorServerOptions, startSimulatorServer } from './server.js';
import type { MutateOptions, MutationReport, Simulator } from './types.js';

/** Everything one API simulator supplies; the rest is shared infrastructure. */
export interface SimulatorDefinition<K, Extras extends object> {
  server: SimulatorServerOptions;
  /** Changes a deterministic share of the dataset; options are already checked. */
  mutate(options: MutateOptions): MutationReport<K>;
  /** Simulator-specific truth accessors and the like, merged onto the returned object. */
  extras: Extras;
}

export function checkMutateOptions(options: MutateOptions): void {
  if (!(options.fraction >= 0 && options.fraction <= 1)) {
    throw new RangeError(`mutate fraction must be within 0..1, got ${options.fraction}`);
  }
  if (!Number.isInteger(options.seed))
    throw new RangeError(`mutate seed must be an integer, got ${options.seed}`);
}

/** Starts the server and returns the common `Simulator` surface plus the simulator's own extras. */
export async function startSimulator<K, Extras extends object>(
  definition: SimulatorDefinition<K, Extras>,
): Promise<Simulator<K> & Extras> {
  const server = await startSimulatorServer(definition.server);
  const common: Simulator<K> = {
    name: server.name,
    baseUrl: server.baseUrl,
    stats: () => server.stats(),
    resetStats: () => server.resetStats(),
    setFaults: (faults) => server.setFaults(faults),
    setRateLimit: (limit) => server.setRateLimit(limit),
    injectNext: (kind, count) => server.injectNext(kind, count),
    mutate: (options) => {
      checkMutateOptions(options);
      return definition.mutate(options);
    },
    close: () => server.close(),
  };
  return { ...definition.extras, ...common };
}
