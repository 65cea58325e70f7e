export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export type { ErrorCode, FreshetErrorOptions } from './errors.js';
export { ErrorCodes, FreshetError, isFreshetError, toFreshetError } from './errors.js';
export type {
  ClassifyResponse,
  Http,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpStats,
  ResponseVerdict,
} from './http/types.js';
export type { Json } from './json.js';
export type { Logger } from './logger.js';
export { childLogger, silentLogger } from './logger.js';
export type { Cohort, CohortKind, CohortScheme, Partition, TimeWindow } from './partitions/types.js';
export type { Limiter } from './quota/limiter-types.js';
export type { Quota, RetryPolicy } from './quota/types.js';
export type { AnySource, ListPartitionsContext, SliceRequest, SliceResult, Source } from './source.js';
export { defineSource } from './source.js';
export type * from './store/types.js';
