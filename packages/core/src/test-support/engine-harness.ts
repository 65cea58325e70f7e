import type { Clock } from '../clock.js';
import type { EngineSource } from '../engine/types.js';
import { createHttpClient } from '../http/client.js';
import { createLimiter } from '../quota/limiter.js';
import type { AnySource } from '../source.js';
import type { Store } from '../store/types.js';

/** Builds the engine's view of sources: one shared limiter per source. */
export function engineSources(store: Store, sources: AnySource[], clock?: Clock): Map<string, EngineSource> {
  return new Map(
    sources.map((source) => {
      const limiter = createLimiter({
        sourceId: source.id,
        quota: source.quota,
        store,
        ...(clock ? { clock } : {}),
      });
      const engineSource: EngineSource = {
        source,
        quota: source.quota,
        slaMs: 86_400_000,
        limiter,
        createHttp: () =>
          createHttpClient({ sourceId: source.id, limiter, quota: source.quota, random: () => 0.5 }),
      };
      return [source.id, engineSource];
    }),
  );
}
