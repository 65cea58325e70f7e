import type { RateLimitConfig, Simulator, SimulatorServingOptions } from '../../sim/types.js';

/** One `results[]` record of `POST /v2/projects/search`, as the real API shapes it. */
export interface NihProject {
  appl_id: number;
  subproject_id: string | null;
  fiscal_year: number;
  project_num: string;
  project_serial_num: string;
  organization: NihOrganization;
  award_type: string;
  activity_code: string;
  award_amount: number;
  is_active: boolean;
  project_num_split: {
    appl_type_code: string;
    activity_code: string;
    ic_code: string;
    serial_num: string;
    support_year: string;
    full_support_year: string;
    suffix_code: string;
  };
  principal_investigators: Array<{
    profile_id: number;
    first_name: string;
    middle_name: string;
    last_name: string;
    is_contact_pi: boolean;
    full_name: string;
    title: string;
  }>;
  contact_pi_name: string;
  program_officers: Array<{ first_name: string; middle_name: string; last_name: string; full_name: string }>;
  agency_ic_admin: { code: string; abbreviation: string; name: string };
  agency_ic_fundings: Array<{
    fy: number;
    code: string;
    name: string;
    abbreviation: string;
    total_cost: number;
    direct_cost_ic: number;
    indirect_cost_ic: number;
  }>;
  cong_dist: string;
  /** RCDC category ids; null when the project is not categorised. */
  spending_categories: number[] | null;
  project_start_date: string;
  project_end_date: string;
  organization_type: { name: string; code: string; is_other: boolean };
  geo_lat_lon: { lon: number; lat: number };
  opportunity_number: string;
  full_foa: string;
  full_study_section: {
    srg_code: string;
    srg_flex: string;
    sra_designator_code: string;
    sra_flex_code: string;
    group_code: string;
    name: string;
  };
  award_notice_date: string;
  is_new: boolean;
  mechanism_code_dc: string;
  core_project_num: string;
  /** The project terms, each in angle brackets: `<Biosensor><Detection>`. */
  terms: string;
  pref_terms: string;
  abstract_text: string;
  project_title: string;
  phr_text: string;
  /** The names of `spending_categories`, joined by `; `. */
  spending_categories_desc: string | null;
  agency_code: string;
  covid_response: string[] | null;
  arra_funded: string;
  budget_start: string;
  budget_end: string;
  cfda_code: string;
  funding_mechanism: string;
  direct_cost_amt: number;
  indirect_cost_amt: number;
  project_detail_url: string;
  date_added: string;
}

export interface NihOrganization {
  org_name: string;
  city: string | null;
  country: string | null;
  org_city: string;
  org_country: string;
  org_state: string;
  org_state_name: string | null;
  dept_type: string;
  fips_country_code: string | null;
  org_duns: string[];
  org_ueis: string[];
  primary_duns: string;
  primary_uei: string;
  org_fips: string;
  org_ipf_code: string;
  org_zipcode: string;
  external_org_id: number;
}

export interface NihDateRange {
  from_date?: string | null;
  to_date?: string | null;
}

/** The criteria this simulator understands (a subset of the real API's; other keys are ignored). */
export interface NihCriteria {
  fiscal_years?: number[] | null;
  activity_codes?: string[] | null;
  award_notice_date?: NihDateRange | null;
  project_start_date?: NihDateRange | null;
  date_added?: NihDateRange | null;
  appl_ids?: number[] | null;
  project_nums?: string[] | null;
  /** Contains, case-insensitive. */
  org_names?: string[] | null;
  /** Institute abbreviations (`NCI`), case-insensitive; matches the administering (= funding) IC. */
  agencies?: string[] | null;
}

export const NIH_SORT_FIELDS = [
  'appl_id',
  'award_notice_date',
  'project_start_date',
  'project_end_date',
  'award_amount',
  'fiscal_year',
  'date_added',
] as const;

export type NihSortField = (typeof NIH_SORT_FIELDS)[number];

export interface NihSearchRequest {
  criteria?: NihCriteria | null;
  include_fields?: string[] | null;
  exclude_fields?: string[] | null;
  offset?: number | null;
  limit?: number | null;
  sort_field?: string | null;
  sort_order?: string | null;
}

export interface NihSearchResponse {
  meta: {
    search_id: string;
    total: number;
    offset: number;
    limit: number;
    sort_field: string | null;
    sort_order: string;
    sorted_by_relevance: boolean;
    properties: { URL: string };
  };
  results: Array<Partial<NihProject>>;
}

/** One ISO week of the dataset. */
export interface NihWeek {
  index: number;
  /** `YYYY-Www`, the `project_week_…` cohort label. */
  isoWeek: string;
  /** Monday, `YYYY-MM-DD`. */
  from: string;
  /** Sunday, `YYYY-MM-DD`. */
  to: string;
  projects: number;
  huge: boolean;
}

export interface NihDatasetOptions {
  /** Default 1. */
  seed?: number;
  /** Any day of the first ISO week (`YYYY-MM-DD`); the dataset starts on that week's Monday. Default `2024-01-01`. */
  startDate?: string;
  /** Default 8. */
  weeks?: number;
  /** Projects with an award notice in each week (all activity codes). Default 150. */
  projectsPerWeek?: number | ((weekIndex: number, monday: string) => number);
  /** Codes to draw from, with weights; a list uses the built-in weights. Default: SBIR/STTR plus R01 and U01. */
  activityCodes?: readonly string[] | Readonly<Record<string, number>>;
  /** Week indexes made huge, to test the 15,000-offset wall. */
  hugeWeeks?: readonly number[];
  /** Projects in a huge week. Default 23,000 (about 16,500 of them SBIR/STTR with the default codes). */
  hugeWeekProjects?: number;
}

/**
 * The order results come in. `asked` (default): by `sort_field` and `sort_order`, as the API
 * documents. `relevance`: the sort is ignored and each criteria set has one seeded order, the same
 * on every request (a relevance ranking), with `meta.sorted_by_relevance: true`. `shuffled`: the
 * sort is ignored and every request gets a new order, so offset paging cannot be trusted at all.
 */
export type NihResultOrder = 'asked' | 'relevance' | 'shuffled';

export interface NihSimulatorOptions extends NihDatasetOptions, SimulatorServingOptions {
  /** Default `asked`. */
  resultOrder?: NihResultOrder;
  /** Default: 1 request per second per client IP, as the API's docs ask. null turns limiting off. */
  rateLimit?: RateLimitConfig | null;
}

export interface NihSimulator extends Simulator<number> {
  /** The records a correct client ends up with for `criteria`, over all pages, in appl_id order. */
  truth(criteria?: NihCriteria): NihProject[];
  /** Just the appl_ids of `truth(criteria)`, cheaper. */
  truthApplIds(criteria?: NihCriteria): number[];
  /** `meta.total` the API reports for `criteria`. */
  count(criteria?: NihCriteria): number;
  project(applId: number): NihProject | undefined;
  weeks(): NihWeek[];
  /** Criteria for one dataset week with the SBIR/STTR codes, as the NIH adapter asks for a `project_week_…` partition. */
  weekCriteria(weekIndex: number, activityCodes?: readonly string[]): NihCriteria;
  /** Changes the order results come in from the next request on. */
  setResultOrder(order: NihResultOrder): void;
  readonly size: number;
}
