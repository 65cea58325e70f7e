import type { AwardTypeGroup } from './award-types.js';

export type { AwardTypeGroup } from './award-types.js';

/** Which award date the fiscal year is matched against (`time_period[].date_type`). */
export type UsaspendingDateType = 'action_date' | 'date_signed' | 'last_modified_date' | 'new_awards_only';

/** An `agencies` filter entry; a plain name means an awarding toptier agency. */
export interface UsaspendingAgencyInput {
  /** Default `awarding`. */
  type?: 'awarding' | 'funding';
  /** Default `toptier`. */
  tier?: 'toptier' | 'subtier';
  /** The agency's name as USAspending spells it, e.g. "Department of Defense". */
  name: string;
  /** For a subtier name shared by several agencies ("Office of Inspector General"). */
  toptierName?: string;
}

export interface UsaspendingAgency {
  type: 'awarding' | 'funding';
  tier: 'toptier' | 'subtier';
  name: string;
  toptierName?: string | undefined;
}

/** Options of `usaspending(options)` as configuration gives them; every key is optional. */
export interface UsaspendingOptionsInput {
  /** API root. Default `https://api.usaspending.gov`. */
  baseUrl?: string;
  /**
   * Award type groups a partition covers, paged one after the other (the API refuses codes of
   * two groups in one request). Default: all six, in this order.
   */
  awardTypeGroups?: AwardTypeGroup[];
  /** Only awards matching one of these words (`filters.keywords`); 3 characters or more each. */
  keywords?: string[];
  /** Only awards of these Assistance Listings / CFDA programs (`filters.program_numbers`, e.g. "93.855"). */
  programNumbers?: string[];
  /** Only awards of these agencies (`filters.agencies`), OR'd. */
  agencies?: Array<string | UsaspendingAgencyInput>;
  /** Only recipients whose name, UEI or DUNS matches (`filters.recipient_search_text`). */
  recipientSearchText?: string[];
  /** Only recipients of these types (`filters.recipient_type_names`, e.g. "higher_education"). */
  recipientTypeNames?: string[];
  /** Fields to ask for, per group; a group left out keeps its defaults. "Award ID" is always asked for. */
  fields?: Partial<Record<AwardTypeGroup, string[]>>;
  /** The date matched against the fiscal year. Default `action_date` (the latest transaction's date). */
  dateType?: UsaspendingDateType;
  /** Awards per request, 1 to 100. Default 100, the API's maximum. */
  limit?: number;
  /** Fiscal years listed when no partition range is configured (the current one included). Default 3. */
  recentFiscalYears?: number;
}

/** Options after validation and defaults: what `source.options` holds. */
export interface UsaspendingOptions {
  baseUrl: string;
  awardTypeGroups: AwardTypeGroup[];
  keywords?: string[] | undefined;
  programNumbers?: string[] | undefined;
  agencies?: UsaspendingAgency[] | undefined;
  recipientSearchText?: string[] | undefined;
  recipientTypeNames?: string[] | undefined;
  /** Complete: every group has its list, "Award ID" first. */
  fields: Record<AwardTypeGroup, string[]>;
  dateType: UsaspendingDateType;
  limit: number;
  recentFiscalYears: number;
}

/**
 * One award: a `results[]` row of `POST /api/v2/search/spending_by_award/` with every field the
 * API sent: `internal_id`, the requested fields, `awarding_agency_id` and `agency_slug` (with
 * "Awarding Agency"), and `generated_internal_id`, the stable key.
 */
export interface UsaspendingAward {
  internal_id: number;
  generated_internal_id: string;
  'Award ID'?: string | null | undefined;
  'Recipient Name'?: string | null | undefined;
  'Recipient UEI'?: string | null | undefined;
  'Award Amount'?: number | null | undefined;
  awarding_agency_id?: number | null | undefined;
  agency_slug?: string | null | undefined;
  [field: string]: unknown;
}

/**
 * Where the next slice starts: the group being paged (its index in `awardTypeGroups` and its
 * name, so a checkpoint made with other groups is noticed), the page number to send, and the
 * search_after position (the last row's internal_id and sort value); `after` is null on a
 * group's first page.
 */
export type UsaspendingCursor = {
  groupIndex: number;
  group: AwardTypeGroup;
  page: number;
  after: { id: number; sort: string } | null;
};
