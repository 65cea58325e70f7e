export type { EngineRun } from './engine.js';
export { FAST_TEST_QUOTA, memoryStore, runSource, storedKeys } from './engine.js';
export type { ConformanceCheck, SourceConformanceOptions } from './test-source.js';
export { CONFORMANCE_CHECKS, testSource } from './test-source.js';
