export type { RunSourceOptions, TempFileStore } from './engine.js';
export {
  engineSource,
  FAIL_FAST_TEST_QUOTA,
  FAST_TEST_QUOTA,
  memoryStore,
  runSource,
  storedKeys,
  storedRecords,
  tempFileStore,
  totalCounts,
} from './engine.js';
export type { EngineTestSetup } from './engine-setup.js';
export { engineTestSetup } from './engine-setup.js';
export type { FaultRunTally } from './faults.js';
export { expectEachFaultRetriedOnce } from './faults.js';
export type { Closable } from './lifecycle.js';
export { closeAfterEach } from './lifecycle.js';
export type { OneSliceRequest } from './slice.js';
export { fetchOneSlice } from './slice.js';
export type { SliceKeys } from './slice-keys.js';
export { recordSliceKeys, sharedKeys } from './slice-keys.js';
export type { SourceConformanceOptions } from './test-source.js';
export { testSource } from './test-source.js';
