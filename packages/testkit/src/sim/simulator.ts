import { type SimulatorServerOptions, startSimulatorServer } from './server.js';
import type {
  MutateOptions,
  MutationReport,
  RateLimitConfig,
  Simulator,
  SimulatorServingOptions,
} from './types.js';

/** Everything one API simulator supplies; the rest is shared infrastructure. */
export interface SimulatorDefinition<K, Extras extends object> {
  server: SimulatorServerOptions;
  /** Changes a deterministic share of the dataset; options are already checked. */
  mutate(options: MutateOptions): MutationReport<K>;
  /** Simulator-specific truth accessors and the like, merged onto the returned object. */
  extras: Extras;
}

/**
 * The server options that a simulator's options set the same way for every API: an unset rate
 * limit is `defaultRateLimit`, unset faults none.
 */
export function servingOptions(
  options: SimulatorServingOptions,
  defaultRateLimit: RateLimitConfig,
): Pick<SimulatorServerOptions, 'rateLimit' | 'faults' | 'port' | 'logLimit' | 'clock'> {
  return {
    rateLimit: options.rateLimit === undefined ? defaultRateLimit : options.rateLimit,
    faults: options.faults ?? null,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.logLimit !== undefined ? { logLimit: options.logLimit } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  };
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
