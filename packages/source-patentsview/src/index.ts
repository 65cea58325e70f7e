export { classifyPatentsViewResponse } from './classify.js';
export {
  endpointOf,
  grantMonthParams,
  grantMonthQuery,
  type PatentPage,
  type PatentSearchParams,
  parsePatentPage,
  patentPageSchema,
  patentSchema,
  patentSearchRequest,
  searchPatents,
} from './client.js';
export {
  PATENTSVIEW_API_KEY_ENV,
  PATENTSVIEW_DEFAULT_BASE_URL,
  PATENTSVIEW_DEFAULT_FIELDS,
  PATENTSVIEW_DEFAULT_QUOTA,
  PATENTSVIEW_DEFAULT_RECENT_MONTHS,
  PATENTSVIEW_DEFAULT_SLA,
  PATENTSVIEW_MAX_PAGE_SIZE,
  PATENTSVIEW_PATENT_PATH,
  PATENTSVIEW_SOURCE_ID,
} from './defaults.js';
export { optionsSchema } from './options.js';
export { patentsview, patentsview as default, patentsviewCohorts } from './source.js';
export type {
  PatentsViewCursor,
  PatentsViewOptions,
  PatentsViewOptionsInput,
  PatentsViewPatent,
} from './types.js';
