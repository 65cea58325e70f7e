import {
  createRedactor,
  type LimiterFactory,
  type LimiterPluginModule,
  type Logger,
  redactingLogger,
  silentLogger,
} from '@freshet/core';
import { openSharedConnection } from './connection.js';
import { createSharedLimiter, type SharedLimiter } from './limiter.js';
import { DEFAULT_PREFIX, parseRedisLimiterConfig } from './options.js';
import { type BottleneckSettings, bottleneckSettings, DEFAULT_JITTER_ALLOWANCE_MS } from './settings.js';
import { createSharedPause, type SharedPause } from './shared-pause.js';
import { createSourceBottleneck, type SourceBottleneck } from './source-bottleneck.js';
import { urlSecrets } from './url-secrets.js';

export interface OpenRedisLimiterFactoryOptions {
  /** `redis://[user:password@]host:port[/db]`, or `rediss://…` for TLS. */
  url: string;
  /** Starts every Redis key and channel of the shared limiter. Default `freshet`. */
  prefix?: string;
  logger?: Logger;
  /** How long Redis has to answer before opening fails with LIMITER_UNAVAILABLE. Default 3000. */
  connectTimeoutMs?: number;
  /**
   * How late a request may start after the moment Bottleneck reserved for it without two starts
   * crowding into one quota interval; the spacing is lengthened to allow it. Default 25 ms.
   */
  jitterAllowanceMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

interface SourceParts {
  bottleneck: SourceBottleneck;
  pause: SharedPause;
}

/**
 * Opens one Redis connection and makes, per source, limiters that every process on every host
 * sharing `url` and `prefix` obeys together: the rate, the concurrency and the pauses live in
 * Redis (a Bottleneck cluster), the daily budget in the store. Rejects with LIMITER_UNAVAILABLE
 * when Redis does not answer within `connectTimeoutMs`.
 */
export async function openRedisLimiterFactory(
  options: OpenRedisLimiterFactoryOptions,
): Promise<LimiterFactory> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const jitterAllowanceMs = options.jitterAllowanceMs ?? DEFAULT_JITTER_ALLOWANCE_MS;
  // Whatever reaches the logs is cleaned of the URL's password, driver messages included.
  const redact = createRedactor(urlSecrets(options.url));
  const logger = redactingLogger(options.logger ?? silentLogger, redact);
  const connection = await openSharedConnection({
    url: options.url,
    logger,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  logger.info({ url: connection.shownUrl, prefix }, 'shared limiter connected');

  const sources = new Map<string, SourceParts>();
  const limiters = new Set<SharedLimiter>();
  const failAllWaiting = () => {
    for (const limiter of limiters) limiter.failWaiting((source) => connection.unavailableError(source));
  };
  // Nothing waits through an outage: every job not started fails now, and nothing is sent.
  connection.onLost(failAllWaiting);

  /** The source's Bottleneck and pause, made on first use and shared by its later limiters. */
  function sourceParts(sourceId: string, settings: BottleneckSettings): SourceParts {
    const known = sources.get(sourceId);
    if (known) {
      known.bottleneck.configure(settings);
      return known;
    }
    const parts = {
      bottleneck: createSourceBottleneck({ connection, prefix, sourceId, settings, logger }),
      pause: createSharedPause(connection.client, `${prefix}:${sourceId}:paused-until`),
    };
    sources.set(sourceId, parts);
    return parts;
  }

  return {
    kind: 'redis',
    create(limiterOptions) {
      const settings = bottleneckSettings(limiterOptions.quota, jitterAllowanceMs);
      const limiter = createSharedLimiter(
        {
          ...limiterOptions,
          logger: limiterOptions.logger ? redactingLogger(limiterOptions.logger, redact) : logger,
        },
        {
          connection,
          settings,
          ...sourceParts(limiterOptions.sourceId, settings),
          onStopped: () => limiters.delete(limiter),
        },
      );
      limiters.add(limiter);
      return limiter;
    },
    async close() {
      // Closed first, so what still waits learns that the factory is closed, not that Redis is down.
      const closing = connection.close();
      failAllWaiting();
      await closing;
    },
  };
}

/**
 * The plugin entry (`limiter: { use: 'redis', url, prefix }` in the config): checks the options,
 * failing with CONFIG_INVALID naming the bad key, then opens the factory.
 */
export const openLimiterFactory: LimiterPluginModule['openLimiterFactory'] = async (options, context) => {
  const config = parseRedisLimiterConfig(options);
  return openRedisLimiterFactory({ ...config, logger: context.logger });
};
