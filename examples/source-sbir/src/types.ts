/** Options of `sbir(options)` as a configuration gives them; every key is optional. */
export interface SbirOptionsInput {
  /** API root. Default `https://api.www.sbir.gov`. */
  baseUrl?: string;
  /** Agency codes each award-year partition walks, in this order. Default: all eleven SBIR agencies. */
  agencies?: string[];
  /** Awards per request (the API's `rows`), 1 to 5000. Default 1000. */
  rows?: number;
  /** First award year listed when no partition range is configured. Default 1983. */
  firstYear?: number;
}

/** Options after validation and defaults: what `source.options` holds. */
export interface SbirOptions {
  baseUrl: string;
  agencies: string[];
  rows: number;
  firstYear: number;
}

/**
 * One award, with every field the API sends (records are stored as received). The named fields
 * are the ones the source relies on (the key) and the ones readers use most.
 */
export interface SbirAward {
  agency: string;
  agency_tracking_number: string;
  contract: string;
  firm?: string | null | undefined;
  award_title?: string | null | undefined;
  phase?: string | null | undefined;
  program?: string | null | undefined;
  award_year?: number | string | null | undefined;
  /** Reported as a decimal string (`"304952.0000"`); a number is accepted too. */
  award_amount?: number | string | null | undefined;
  uei?: string | null | undefined;
  /** SBIR.gov's id of the award page (a number, or a URL in some reports). */
  award_link?: number | string | null | undefined;
  [field: string]: unknown;
}

/**
 * Where the next slice starts: the agency being paged and the offset (`start`) of its next
 * page. A type alias, not an interface, so it is assignable to core's `Json`.
 */
export type SbirCursor = {
  agency: string;
  start: number;
};
