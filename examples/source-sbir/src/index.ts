export {
  AWARDS_PATH,
  awardSchema,
  awardsPageSchema,
  awardsRequest,
  classifySbirResponse,
  MAX_ROWS,
  SBIR_AGENCIES,
  SBIR_API_URL,
} from './client.js';
export {
  awardKey,
  cohort,
  DEFAULT_QUOTA,
  DEFAULT_SLA,
  optionsSchema,
  resolveOptions,
  SOURCE_ID,
  sbir,
  // A config's `{ "use": "freshet-source-sbir" }` calls the default export with the options.
  sbir as default,
} from './source.js';
export type { SbirAward, SbirCursor, SbirOptions, SbirOptionsInput } from './types.js';
