/** Options of `nih(options)` as configuration gives them; every key is optional. */
export interface NihOptionsInput {
  /** API root. Default `https://api.reporter.nih.gov`. */
  baseUrl?: string;
  /** Activity codes a cohort covers. Default: NIH's SBIR/STTR codes (`NIH_SBIR_STTR_ACTIVITY_CODES`). */
  activityCodes?: string[];
  /** Only projects of these institutes/centers (`NCI`, `NIAID`, …): the API's `agencies` criterion. */
  agencies?: string[];
  /** Only projects of these fiscal years: the API's `fiscal_years` criterion. */
  fiscalYears?: number[];
  /** Projects per request, 2 to 500. Default 500, the API's maximum. */
  limit?: number;
  /** Complete ISO weeks listed when no partition range is configured. Default 12. */
  recentWeeks?: number;
}

/** Options after validation and defaults: what `source.options` holds. */
export interface NihOptions {
  baseUrl: string;
  activityCodes: string[];
  agencies?: string[] | undefined;
  fiscalYears?: number[] | undefined;
  limit: number;
  recentWeeks: number;
}

/**
 * One project (`results[]` of `POST /v2/projects/search`), with every field the API sends.
 * Only `appl_id` is guaranteed; the named fields are the ones readers use most.
 */
export interface NihProject {
  appl_id: number;
  project_num?: string | null | undefined;
  core_project_num?: string | null | undefined;
  fiscal_year?: number | null | undefined;
  activity_code?: string | null | undefined;
  award_amount?: number | null | undefined;
  award_notice_date?: string | null | undefined;
  project_title?: string | null | undefined;
  organization?:
    | {
        org_name?: string | null | undefined;
        primary_uei?: string | null | undefined;
        [field: string]: unknown;
      }
    | null
    | undefined;
  [field: string]: unknown;
}

/**
 * Where the next slice starts: paging in `appl_id` order, or in the API's own order once it
 * showed it ignores the sort. Both stay a few dozen bytes, however large the week.
 */
export type NihCursor = NihSortedCursor | NihApiOrderCursor;

/**
 * Paging in `appl_id` order. `offset` is the index of the next project wanted; `lastApplId`
 * the project just before it, which the next page must show again at its head (else the result
 * set changed underneath); `total` the API's count when paging began; `restarts` how often the
 * partition started over because the result set changed.
 */
export type NihSortedCursor = {
  offset: number;
  total: number;
  lastApplId: number;
  restarts: number;
};

/**
 * Paging in the API's own order, after a page came back out of `appl_id` order. `tail` holds
 * the appl_ids at the last few offsets before `offset` (at most `NIH_API_ORDER_OVERLAP`): the
 * next page starts that many projects early and must show the same projects there.
 */
export type NihApiOrderCursor = {
  order: 'api';
  offset: number;
  total: number;
  tail: number[];
  restarts: number;
};
