export {
  type OpenRedisLimiterFactoryOptions,
  openLimiterFactory,
  openRedisLimiterFactory,
} from './factory.js';
export { parseRedisLimiterConfig, type RedisLimiterConfig } from './options.js';
