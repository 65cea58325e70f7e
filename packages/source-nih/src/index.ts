export { classifyNihResponse } from './classify.js';
export { projectSchema, SEARCH_ENDPOINT, searchBody, searchPageUrl, searchResponseSchema } from './client.js';
export {
  NIH_DEFAULT_BASE_URL,
  NIH_DEFAULT_QUOTA,
  NIH_DEFAULT_RECENT_WEEKS,
  NIH_DEFAULT_SLA,
  NIH_MAX_LIMIT,
  NIH_MAX_OFFSET,
  NIH_SBIR_STTR_ACTIVITY_CODES,
  NIH_SEARCH_PATH,
} from './defaults.js';
export { optionsSchema } from './options.js';
export { nih, nih as default, nihCohorts } from './source.js';
export type { NihCursor, NihOptions, NihOptionsInput, NihProject } from './types.js';
