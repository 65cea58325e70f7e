import {
  type Clock,
  type EngineSource,
  engineSource,
  type HttpOverrides,
  type LimiterFactory,
  type Logger,
  memoryLimiterFactory,
  type ResolvedSource,
  type Store,
  warmUpHttp,
} from '@freshet/core';

/** HTTP settings tests and simulators may override. */
export type { HttpOverrides };

export interface EngineSources {
  sources: Map<string, EngineSource>;
  /** Stops every limiter (queued requests reject with ABORTED). */
  stop(): Promise<void>;
}

/**
 * The engine's view of the configured sources: one limiter per source, shared by all its
 * partitions, and an HTTP client per partition over it (so calls are counted per partition).
 */
export function createEngineSources(options: {
  store: Store;
  sources: readonly ResolvedSource[];
  clock: Clock;
  logger: Logger;
  http?: HttpOverrides;
  /** Makes each source's limiter; in-process by default. */
  limiters?: LimiterFactory;
  /** The project root (the config's `rootDir`): what relative paths in source options mean. */
  rootDir?: string;
}): EngineSources {
  const { store, clock } = options;
  const limiters = options.limiters ?? memoryLimiterFactory();
  if (options.sources.length > 0) warmUpHttp();
  const map = new Map<string, EngineSource>();
  const { rootDir } = options;
  for (const { source, quota, slaMs, partitionSlots } of options.sources) {
    // The limiter and the HTTP client put the source in their log fields themselves.
    const { logger } = options;
    const limiter = limiters.create({ sourceId: source.id, quota, store, clock, logger });
    map.set(
      source.id,
      engineSource({
        source,
        quota,
        slaMs,
        limiter,
        clock,
        logger,
        partitionSlots,
        rootDir,
        http: options.http,
      }),
    );
  }
  return {
    sources: map,
    async stop() {
      await Promise.all([...map.values()].map((s) => s.limiter.stop()));
    },
  };
}
