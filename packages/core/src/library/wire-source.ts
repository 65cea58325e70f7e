import type { Clock } from '../clock.js';
import type { EngineSource } from '../engine/types.js';
import { createHttpClient } from '../http/client.js';
import { warmUpHttp } from '../http/default-agent.js';
import type { Logger } from '../logger.js';
import { createLimiter } from '../quota/limiter.js';
import type { Quota } from '../quota/types.js';
import type { AnySource } from '../source.js';
import type { Store } from '../store/types.js';

/**
 * The engine's view of one source, wired as the runner wires it: one in-process limiter shared
 * by every partition, and an HTTP client per partition over it (so calls are counted per
 * partition) that redacts the source's secrets and classifies its API's error responses.
 */
export function wireSource(options: {
  source: AnySource;
  quota: Quota;
  slaMs: number;
  store: Store;
  clock: Clock;
  logger: Logger;
  partitionSlots?: number | undefined;
  rootDir?: string | undefined;
}): EngineSource {
  const { source, quota, clock, logger } = options;
  warmUpHttp();
  const limiter = createLimiter({ sourceId: source.id, quota, store: options.store, clock, logger });
  return {
    source,
    quota,
    slaMs: options.slaMs,
    limiter,
    ...(options.partitionSlots === undefined ? {} : { partitionSlots: options.partitionSlots }),
    ...(options.rootDir === undefined ? {} : { rootDir: options.rootDir }),
    createHttp: () =>
      createHttpClient({
        sourceId: source.id,
        limiter,
        quota,
        clock,
        logger,
        ...(source.secrets ? { secrets: source.secrets } : {}),
        ...(source.classifyResponse ? { classifyResponse: source.classifyResponse } : {}),
      }),
  };
}
