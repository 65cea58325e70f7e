import type { Clock } from '../clock.js';
import { type CreateHttpClientOptions, createHttpClient } from '../http/client.js';
import type { Logger } from '../logger.js';
import type { Limiter } from '../quota/limiter-types.js';
import type { Quota } from '../quota/types.js';
import type { AnySource } from '../source.js';
import type { EngineSource } from './types.js';

/** HTTP settings a caller may override (tests and simulators: a dispatcher, the jitter). */
export type HttpOverrides = Pick<CreateHttpClientOptions, 'dispatcher' | 'random' | 'userAgent'>;

/**
 * The engine's view of one source: its limiter, shared by every partition, and an HTTP client
 * per partition over it (so calls are counted per partition) that redacts the source's secrets
 * and classifies its API's error responses.
 */
export function engineSource(options: {
  source: AnySource;
  quota: Quota;
  slaMs: number;
  limiter: Limiter;
  clock: Clock;
  logger: Logger;
  partitionSlots?: number | undefined;
  rootDir?: string | undefined;
  http?: HttpOverrides | undefined;
}): EngineSource {
  const { source, quota, limiter, clock, logger } = options;
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
        ...options.http,
      }),
  };
}
