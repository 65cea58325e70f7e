import type { RateLimitConfig, Simulator, SimulatorServingOptions } from '../../sim/types.js';

export type PatentType = 'utility' | 'design' | 'plant' | 'reissue';

export interface PatentsViewAssignee {
  /** HATEOAS link to the assignee endpoint. */
  assignee: string;
  assignee_id: string;
  /** `2` US company, `3` foreign company, `4` US individual, `5` foreign individual. */
  assignee_type: string;
  assignee_individual_name_first: string | null;
  assignee_individual_name_last: string | null;
  assignee_organization: string | null;
  assignee_location_id: string | null;
  assignee_city: string | null;
  assignee_state: string | null;
  assignee_country: string | null;
  assignee_sequence: number;
}

export interface PatentsViewInventor {
  inventor: string;
  inventor_id: string;
  inventor_name_first: string;
  inventor_name_last: string;
  inventor_gender_code: string;
  inventor_location_id: string | null;
  inventor_city: string | null;
  inventor_state: string | null;
  inventor_country: string | null;
  inventor_sequence: number;
}

export interface PatentsViewCpc {
  cpc_sequence: number;
  cpc_class: string;
  cpc_class_id: string;
  cpc_subclass: string;
  cpc_subclass_id: string;
  cpc_group: string;
  cpc_group_id: string;
}

export interface PatentsViewUspc {
  uspc_mainclass: string;
  uspc_mainclass_id: string;
  uspc_subclass: string;
  uspc_subclass_id: string;
  uspc_sequence: number;
}

export interface PatentsViewWipo {
  wipo_field: string;
  wipo_field_id: string;
  wipo_sequence: number;
}

export interface PatentsViewApplication {
  application_id: string;
  application_type: string;
  filing_date: string;
  series_code: string;
  rule_47_flag: boolean;
  filing_type: string;
}

export interface PatentsViewExaminer {
  examiner_id: string;
  examiner_first_name: string;
  examiner_last_name: string;
  examiner_role: string;
  art_group: string;
}

/** A patent's representative: a firm (`attorney_organization`) or a practitioner (names). */
export interface PatentsViewAttorney {
  attorney_id: string;
  attorney_sequence: number;
  attorney_name_first: string | null;
  attorney_name_last: string | null;
  attorney_organization: string | null;
}

export interface PatentsViewForeignPriority {
  priority_claim_sequence: number;
  priority_claim_kind: string;
  foreign_application_id: string;
  filing_date: string;
  foreign_country_filed: string;
}

/** The pre-grant publication (`document_number`) of the patent's application. */
export interface PatentsViewCrosswalk {
  document_number: string;
  application_number: string;
  current_pgpub_id_flag: number;
  current_patent_id_flag: number;
}

/** One IPC symbol as the patent was issued with it. */
export interface PatentsViewIpcr {
  ipc_sequence: number;
  ipc_section: string;
  ipc_class: string;
  ipc_subclass: string;
  ipc_main_group: string;
  ipc_subgroup: string;
  ipc_symbol_position: string;
  ipc_classification_value: string;
  ipc_classification_data_source: string;
  ipc_action_date: string;
}

export interface PatentsViewFigures {
  num_figures: number;
  num_sheets: number;
}

/**
 * One `patents[]` record of `/api/v1/patent/` with every field this simulator knows, as the
 * real API names and types them. A response carries the fields asked for in `f` plus the
 * five hyperlinked groups (see `ALWAYS_RETURNED_GROUPS`); groups a patent has no data for
 * are absent, as on the real API (`assignees` of an unassigned patent).
 */
export interface PatentsViewPatent {
  patent_id: string;
  patent_title: string;
  patent_type: PatentType;
  patent_country: string;
  patent_date: string;
  patent_year: number;
  patent_abstract: string | null;
  wipo_kind: string;
  withdrawn: boolean;
  patent_earliest_application_date: string;
  patent_processing_days: number;
  patent_num_times_cited_by_us_patents: number;
  patent_num_us_patents_cited: number;
  patent_num_us_applications_cited: number;
  patent_num_foreign_documents_cited: number;
  patent_num_total_documents_cited: number;
  patent_detail_desc_length: number;
  patent_term_extension: number;
  patent_cpc_current_group_average_patent_processing_days: number;
  patent_uspc_current_mainclass_average_patent_processing_days: number | null;
  gov_interest_statement: string | null;
  application: PatentsViewApplication[];
  assignees?: PatentsViewAssignee[];
  attorneys?: PatentsViewAttorney[];
  cpc_current: PatentsViewCpc[];
  examiners: PatentsViewExaminer[];
  foreign_priority?: PatentsViewForeignPriority[];
  figures?: PatentsViewFigures[];
  granted_pregrant_crosswalk?: PatentsViewCrosswalk[];
  inventors: PatentsViewInventor[];
  ipcr?: PatentsViewIpcr[];
  /** USPC was retired in 2015: later patents have none. */
  uspc_at_issue?: PatentsViewUspc[];
  wipo?: PatentsViewWipo[];
}

/** The four request parameters, as parsed JSON (GET sends each as a JSON string). */
export interface PatentsViewRequest {
  q: unknown;
  f?: unknown;
  s?: unknown;
  o?: unknown;
}

export interface PatentsViewResponse {
  error: false;
  count: number;
  total_hits: number;
  patents: Array<Partial<PatentsViewPatent>>;
}

/** One calendar month of the dataset: a `grant_month_…` cohort. */
export interface PatentsViewMonth {
  index: number;
  /** `YYYY-MM`. */
  month: string;
  /** First and last day of the month, `YYYY-MM-DD`. */
  first: string;
  last: string;
  /** The Tuesdays of the month (grant days), `YYYY-MM-DD`. */
  tuesdays: string[];
  /** Patents granted in the month, withdrawn ones included. */
  patents: number;
  withdrawn: number;
}

export interface PatentsViewDatasetOptions {
  /** Default 1. */
  seed?: number;
  /** First month, `YYYY-MM`. Default `2024-01`. */
  startMonth?: string;
  /** Default 3. */
  months?: number;
  /**
   * Patents granted per month, all types and withdrawn ones included. Default 1,200 (two
   * pages of 1,000). The real office grants about 30,000 a month.
   */
  patentsPerMonth?: number | ((monthIndex: number, month: string) => number);
  /** Share of patents withdrawn after grant (hidden unless `exclude_withdrawn` is false). Default 0.005. */
  withdrawnShare?: number;
}

export interface PatentsViewSimulatorOptions extends PatentsViewDatasetOptions, SimulatorServingOptions {
  /** Keys the simulator accepts in `X-Api-Key`. Default `[PATENTSVIEW_SIM_API_KEY]`. */
  apiKeys?: readonly string[];
  /** Default 45 requests per minute per key, as documented. null turns limiting off. */
  rateLimit?: RateLimitConfig | null;
  /**
   * `o.size` over 1,000. `clamp` (default): treated as 1,000, as the API's reference and
   * source say. `reject`: a 400 with `X-Status-Reason`, for clients that must never ask for more.
   */
  oversizedPage?: 'clamp' | 'reject';
}

export interface PatentsViewTruthOptions {
  /** Include withdrawn patents, as `o.exclude_withdrawn: false` does. Default false. */
  includeWithdrawn?: boolean;
}

export interface PatentsViewSimulator extends Simulator<string> {
  /** A key the simulator accepts. */
  readonly apiKey: string;
  /** Patents in the dataset, withdrawn ones included. */
  readonly size: number;
  months(): PatentsViewMonth[];
  /** The patents granted in `month` (`YYYY-MM`) a correct client ends up with, in patent_id order. */
  truth(month: string, options?: PatentsViewTruthOptions): PatentsViewPatent[];
  /** Just the patent_ids of `truth(month)`, cheaper. */
  truthIds(month: string, options?: PatentsViewTruthOptions): string[];
  /** `total_hits` for the month. */
  count(month: string, options?: PatentsViewTruthOptions): number;
  patent(patentId: string): PatentsViewPatent | undefined;
  /** The `q` a client sends for one grant month: `patent_date` from the first to the last day. */
  monthQuery(month: string): unknown;
}
