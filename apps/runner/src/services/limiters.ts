import {
  type LimiterFactory,
  type LimiterPluginModule,
  type Logger,
  memoryLimiterFactory,
  type ResolvedLimiter,
} from '@freshet/core';
import { importServicePlugin, pluginFunction } from './plugin-module.js';

/**
 * The limiter factory the config asks for: in-process by default, or a plugin shared by every
 * process (`limiter: { use: 'redis', url }`). A plugin that cannot reach its service fails here,
 * before any request: never a silent fall-back to per-process limits.
 */
export async function openLimiters(limiter: ResolvedLimiter, logger: Logger): Promise<LimiterFactory> {
  if (limiter.kind === 'memory') return memoryLimiterFactory();
  const module = await importServicePlugin(limiter, 'limiter');
  const open = pluginFunction<LimiterPluginModule['openLimiterFactory']>(
    module,
    'openLimiterFactory',
    limiter,
    'limiter',
  );
  return open(limiter.options, { logger });
}
