export {
  addMonths,
  DAY_MS,
  federalFiscalYear,
  formatYmd,
  isoWeekLabel,
  isoWeekMonday,
  parseYmd,
  toEpochDay,
} from './dates.js';
export { DEFAULT_SLOW_MS, DEFAULT_TIMEOUT_MS, FaultPlanner, normalizeFaults } from './faults.js';
export { hashSeed, type PersonName, Rng, weightedPicker } from './random.js';
export { type LimitDecision, RateLimiter } from './rate-limiter.js';
export {
  DJANGO_500_HTML,
  defaultResponses,
  empty,
  html,
  json,
  nginxErrorPage,
  text,
} from './responses.js';
export { type RouteMatch, Router } from './router.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  type SimulatorServer,
  type SimulatorServerOptions,
  startSimulatorServer,
} from './server.js';
export { type ShapeDiffOptions, shapeDiff } from './shape.js';
export { checkMutateOptions, type SimulatorDefinition, startSimulator } from './simulator.js';
export { DEFAULT_LOG_LIMIT } from './stats.js';
export * from './types.js';
