/**
 * The patent endpoint's fields, in the order its serializer declares them (the order records
 * come out in), from the API's own source (`PatentSerializer`).
 */
export const SCALAR_FIELDS = [
  'patent_id',
  'patent_title',
  'patent_type',
  'patent_country',
  'patent_date',
  'patent_year',
  'patent_abstract',
  'patent_cpc_current_group_average_patent_processing_days',
  'withdrawn',
  'patent_detail_desc_length',
  'patent_earliest_application_date',
  'patent_num_foreign_documents_cited',
  'patent_num_times_cited_by_us_patents',
  'patent_num_total_documents_cited',
  'patent_num_us_applications_cited',
  'patent_num_us_patents_cited',
  'patent_processing_days',
  'patent_term_extension',
  'gov_interest_statement',
  'patent_uspc_current_mainclass_average_patent_processing_days',
  'wipo_kind',
] as const;

export const NESTED_GROUPS = [
  'application',
  'applicants',
  'assignees',
  'attorneys',
  'botanic',
  'cpc_at_issue',
  'cpc_current',
  'examiners',
  'foreign_priority',
  'figures',
  'gov_interest_contract_award_numbers',
  'gov_interest_organizations',
  'granted_pregrant_crosswalk',
  'inventors',
  'ipcr',
  'pct_data',
  'us_related_documents',
  'us_term_of_grant',
  'uspc_at_issue',
  'wipo',
] as const;

/** Every name `f`, `s` and `q` accept at the top level. */
export const FIELD_LIST: readonly string[] = [...SCALAR_FIELDS, ...NESTED_GROUPS];

/**
 * Groups with HATEOAS links (the API's `response_remapper`). The real API returns them whole
 * whatever `f` asks for: the recorded `f=["patent_id"]` page carries all five.
 */
export const ALWAYS_RETURNED_GROUPS: ReadonlySet<string> = new Set([
  'assignees',
  'inventors',
  'wipo',
  'uspc_at_issue',
  'cpc_current',
]);

/** The endpoint's defaults (`PatentEndpoint`): used when a request leaves `f`, `s` or `o` out. */
export const DEFAULT_FIELDS = ['patent_id', 'patent_title', 'patent_date'] as const;
export const DEFAULT_SORT = [{ patent_id: 'asc' }] as const;
export const DEFAULT_SIZE = 100;
export const MAX_SIZE = 1000;

/** Full-text fields: `_eq` matches any analysed word, and Elasticsearch refuses to sort on them. */
export const TEXT_FIELDS: ReadonlySet<string> = new Set([
  'patent_title',
  'patent_abstract',
  'gov_interest_statement',
]);

export const DATE_FIELDS: ReadonlySet<string> = new Set([
  'patent_date',
  'patent_earliest_application_date',
  'application.filing_date',
  'us_term_of_grant.disclaimer_date',
]);

export const NUMBER_FIELDS: ReadonlySet<string> = new Set([
  'patent_year',
  'patent_cpc_current_group_average_patent_processing_days',
  'patent_detail_desc_length',
  'patent_num_foreign_documents_cited',
  'patent_num_times_cited_by_us_patents',
  'patent_num_total_documents_cited',
  'patent_num_us_applications_cited',
  'patent_num_us_patents_cited',
  'patent_processing_days',
  'patent_term_extension',
  'patent_uspc_current_mainclass_average_patent_processing_days',
]);
