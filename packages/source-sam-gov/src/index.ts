export { batchFingerprint, batchUeis } from './batches.js';
export { apiMessage, classifySamGovResponse, gatewayInstant, QUOTA_THROTTLE_CODE } from './classify.js';
export {
  endpointOf,
  entitiesResponseSchema,
  entityRegistrationSchema,
  entitySchema,
  lookupQuery,
  lookupRequest,
  parseEntitiesPage,
} from './client.js';
export {
  entitiesPath,
  SAM_GOV_API_KEY_ENV,
  SAM_GOV_DEFAULT_BASE_URL,
  SAM_GOV_DEFAULT_BATCH_SIZE,
  SAM_GOV_DEFAULT_QUOTA,
  SAM_GOV_DEFAULT_SECTIONS,
  SAM_GOV_DEFAULT_SLA,
  SAM_GOV_MAX_RESULTS,
  SAM_GOV_MAX_UEIS,
  SAM_GOV_PAGE_SIZE,
  SAM_GOV_SECTIONS,
  SAM_GOV_SOURCE_ID,
} from './defaults.js';
export { optionsSchema, resolveOptions } from './options.js';
export { samGovRecordKey } from './record-key.js';
export { samGov, samGov as default, samGovCohorts } from './source.js';
export type {
  SamGovCursor,
  SamGovEntity,
  SamGovEntityRegistration,
  SamGovOptions,
  SamGovOptionsInput,
  SamGovSection,
  UeisFromSource,
} from './types.js';
export { isUei, normalizeUei, UEI_PATTERN } from './uei.js';
export { parseUeiFile } from './uei-file.js';
export { resolveUeiList } from './uei-list.js';
