import type { RateLimitConfig, Simulator, SimulatorServingOptions } from '../../sim/types.js';
import type { AwardTypeGroup } from './vocab.js';

export type { AwardTypeGroup } from './vocab.js';

/**
 * One `results[]` row of `POST /api/v2/search/spending_by_award/`: `internal_id`, the requested
 * fields in the requested order (null when the award's group has no such field),
 * `awarding_agency_id` and `agency_slug` when "Awarding Agency" was asked for, and
 * `generated_internal_id`.
 */
export interface UsaspendingAwardRow {
  internal_id: number;
  generated_internal_id: string;
  awarding_agency_id?: number | null;
  agency_slug?: string | null;
  [field: string]: unknown;
}

export type UsaspendingDateType = 'action_date' | 'date_signed' | 'last_modified_date' | 'new_awards_only';

export interface UsaspendingTimePeriod {
  start_date?: string;
  end_date?: string;
  date_type?: UsaspendingDateType;
}

export interface UsaspendingAgencyFilter {
  type: 'awarding' | 'funding';
  tier: 'toptier' | 'subtier';
  name: string;
  /** Scopes a subtier name to one toptier. */
  toptier_name?: string;
}

/**
 * The filters this simulator applies. Other filters of the real API pass validation loosely and
 * are ignored; keys the API does not know are named in `messages`, as the API does.
 */
export interface UsaspendingFilters {
  award_type_codes?: string[];
  time_period?: UsaspendingTimePeriod[];
  /** Case-insensitive, in the description, the recipient name or the award id; OR'd. */
  keywords?: string[];
  agencies?: UsaspendingAgencyFilter[];
  /** Case-insensitive part of the recipient name, or the exact UEI; OR'd. */
  recipient_search_text?: string[];
  recipient_type_names?: string[];
  /** Assistance Listing (CFDA) numbers; contracts and IDVs have none. */
  program_numbers?: string[];
  award_ids?: string[];
  award_amounts?: Array<{ lower_bound?: number; upper_bound?: number }>;
  [other: string]: unknown;
}

export interface UsaspendingSearchRequest {
  filters: UsaspendingFilters;
  fields: string[];
  limit?: number;
  page?: number;
  sort?: string;
  order?: 'asc' | 'desc';
  subawards?: boolean;
  spending_level?: 'awards' | 'subawards';
  last_record_unique_id?: number | null;
  last_record_sort_value?: string | null;
}

export interface UsaspendingPageMetadata {
  page: number;
  hasNext: boolean;
  /** internal_id of the page's last row; null on the last page. */
  last_record_unique_id?: number | null;
  /** The page's last sort value as text; the string "None" on the last page. */
  last_record_sort_value?: string;
}

export interface UsaspendingSearchResponse {
  spending_level?: 'awards';
  limit: number;
  results: UsaspendingAwardRow[];
  page_metadata: UsaspendingPageMetadata;
  messages: string[];
}

export type UsaspendingGroupCounts = Record<
  'contracts' | 'direct_payments' | 'grants' | 'idvs' | 'loans' | 'other',
  number
>;

export interface UsaspendingCountResponse {
  results: UsaspendingGroupCounts;
  spending_level: 'awards';
  messages: string[];
}

/** One federal fiscal year of the dataset (October 1 to September 30). */
export interface UsaspendingFiscalYear {
  fiscalYear: number;
  /** October 1 of the previous calendar year, `YYYY-MM-DD`. */
  start: string;
  /** September 30, `YYYY-MM-DD`. */
  end: string;
  /** Awards whose latest action date falls in the year, per group. */
  counts: UsaspendingGroupCounts;
  total: number;
}

export interface UsaspendingDatasetOptions {
  /** Default 1. */
  seed?: number;
  /** Default 2022 (FY2022 starts 2021-10-01). At least 2008: the search API starts at 2007-10-01. */
  firstFiscalYear?: number;
  /** Default 3. */
  fiscalYears?: number;
  /**
   * Awards per fiscal year and group. A number applies to every group; a record sets some groups
   * (the rest keep their defaults: contracts 240, idvs 40, grants 180, direct_payments 60,
   * loans 40, other 20); a function decides per year and group (e.g. one cohort past 50,000).
   */
  awardsPerYear?:
    | number
    | Partial<Record<AwardTypeGroup, number>>
    | ((fiscalYear: number, group: AwardTypeGroup) => number);
  /** Share of awards that reuse another award's Award ID (other agency), to test tie-breaks. Default 0.01. */
  duplicateAwardIdShare?: number;
}

export interface UsaspendingSimulatorOptions extends UsaspendingDatasetOptions, SimulatorServingOptions {
  /**
   * Default `USASPENDING_DEFAULT_RATE_LIMIT`: 120 per minute per client IP (the original
   * pipeline's rate; the API documents none) with a spike limit of 10 per second. null: off.
   */
  rateLimit?: RateLimitConfig | null;
  /** Elasticsearch's `max_result_window`: page × limit past it is refused. Default 50,000. */
  maxResultWindow?: number;
  /**
   * Caps the hit total that page-number paging computes `hasNext` from, as Elasticsearch does
   * when a search does not ask for exact totals (10,000). Default null: exact totals.
   */
  totalHitsCap?: number | null;
}

export interface UsaspendingTruthQuery {
  fields?: string[];
  /** Default "Award ID". */
  sort?: string;
  /** Default "desc", the API's default. */
  order?: 'asc' | 'desc';
}

export interface UsaspendingSimulator extends Simulator<string> {
  readonly size: number;
  fiscalYears(): UsaspendingFiscalYear[];
  /** Filters as the adapter sends them for one fiscal year and group: action date within the year. */
  cohortFilters(fiscalYear: number, group: AwardTypeGroup, extra?: UsaspendingFilters): UsaspendingFilters;
  /** Every row a correct client pages through for `filters`, in the sort order. Throws on filters the API refuses. */
  truth(filters: UsaspendingFilters, query?: UsaspendingTruthQuery): UsaspendingAwardRow[];
  /** The generated_internal_ids matching `filters`, ascending. */
  truthKeys(filters: UsaspendingFilters): string[];
  count(filters: UsaspendingFilters): number;
  /** What `spending_by_award_count` answers for `filters`. */
  groupCounts(filters: UsaspendingFilters): UsaspendingGroupCounts;
  award(generatedInternalId: string, fields?: string[]): UsaspendingAwardRow | undefined;
}
