export {
  AWARD_TYPE_CODES,
  AWARD_TYPE_GROUPS,
  DEFAULT_FIELDS,
  GROUP_FIELDS,
} from './award-types.js';
export { classifyUsaspendingResponse } from './classify.js';
export {
  awardSchema,
  pageMetadataSchema,
  SEARCH_ENDPOINT,
  type SearchBody,
  type SearchFilters,
  type SearchRequest,
  searchBody,
  searchResponseSchema,
  type TimePeriod,
} from './client.js';
export {
  USASPENDING_DEFAULT_BASE_URL,
  USASPENDING_DEFAULT_QUOTA,
  USASPENDING_DEFAULT_RECENT_FISCAL_YEARS,
  USASPENDING_DEFAULT_SLA,
  USASPENDING_FIRST_FISCAL_YEAR,
  USASPENDING_MAX_LIMIT,
  USASPENDING_MAX_RESULT_WINDOW,
  USASPENDING_SEARCH_PATH,
  USASPENDING_SORT_FIELD,
  USASPENDING_SORT_ORDER,
} from './defaults.js';
export { fiscalYearPeriod } from './fiscal-years.js';
export { optionsSchema } from './options.js';
export { usaspending as default, usaspending, usaspendingCohorts } from './source.js';
export type {
  AwardTypeGroup,
  UsaspendingAgency,
  UsaspendingAgencyInput,
  UsaspendingAward,
  UsaspendingCursor,
  UsaspendingDateType,
  UsaspendingOptions,
  UsaspendingOptionsInput,
} from './types.js';
