import type { Clock } from '../clock.js';
import { engineSource } from '../engine/engine-source.js';
import type { EngineSource } from '../engine/types.js';
import { warmUpHttp } from '../http/default-agent.js';
import type { Logger } from '../logger.js';
import { createLimiter } from '../quota/limiter.js';
import type { Quota } from '../quota/types.js';
import type { AnySource } from '../source.js';
import type { Store } from '../store/types.js';

/** The engine's view of one source for `runSource`: an in-process limiter of its own. */
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
  return engineSource({ ...options, limiter });
}
