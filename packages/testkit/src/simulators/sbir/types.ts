import type { RateLimitConfig, Simulator, SimulatorServingOptions } from '../../sim/types.js';

/**
 * One element of the JSON array `GET /public/api/awards` answers, as the simulator shapes it.
 * Field names are the real API's; the types follow a third-party record of a live response
 * (see the README: `award_amount` a decimal string, `award_link` a number).
 */
export interface SbirAward {
  firm: string;
  award_title: string;
  /** The agency code the `agency` parameter takes: `DOD`, `NSF`. */
  agency: string;
  branch: string | null;
  phase: 'Phase I' | 'Phase II';
  program: 'SBIR' | 'STTR';
  agency_tracking_number: string;
  contract: string;
  /** `YYYY-MM-DD`. */
  proposal_award_date: string;
  /** `YYYY-MM-DD`. */
  contract_end_date: string;
  solicitation_number: string;
  solicitation_year: number;
  topic_code: string;
  award_year: number;
  /** Dollars as a decimal string with four places: `"304952.0000"`. */
  award_amount: string;
  uei: string;
  duns: string;
  hubzone_owned: 'Y' | 'N';
  socially_economically_disadvantaged: 'Y' | 'N';
  women_owned: 'Y' | 'N';
  number_employees: number;
  company_url: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  poc_name: string;
  poc_title: string;
  poc_phone: string;
  poc_email: string;
  pi_name: string;
  pi_title: string | null;
  pi_phone: string;
  pi_email: string;
  /** The research institution of an STTR award; null for SBIR. */
  ri_name: string | null;
  ri_poc_name: string;
  ri_poc_phone: string | null;
  research_area_keywords: string | null;
  abstract: string;
  /** SBIR.gov's id of the award page. */
  award_link: number;
}

/** The filters of `GET /public/api/awards` this simulator understands (others are ignored). */
export interface SbirQuery {
  /** Agency code, case-insensitive. */
  agency?: string;
  /** Contained in `firm`, case-insensitive. */
  company?: string;
  /** Contained in `ri_name`, case-insensitive. */
  research_institution?: string;
  /** Award year. */
  year?: number;
}

/** One (award year, agency) group of the dataset. */
export interface SbirCohort {
  year: number;
  agency: string;
  awards: number;
}

export interface SbirDatasetOptions {
  /** Default 1. */
  seed?: number;
  /** First award year. Default 2022. */
  firstYear?: number;
  /** Award years in the dataset. Default 3. */
  years?: number;
  /** Agency codes awards are made by. Default: all eleven of `SBIR_AGENCIES`. */
  agencies?: readonly string[];
  /** Awards per year and agency. Default: about 150 a year, shared by agency weight (DOD most). */
  awardsPerAgencyYear?: number | ((year: number, agency: string) => number);
}

export interface SbirSimulatorOptions extends SbirDatasetOptions, SimulatorServingOptions {
  /** Default: 60 requests per minute per client IP (an assumption; see the README). null turns limiting off. */
  rateLimit?: RateLimitConfig | null;
}

export interface SbirSimulator extends Simulator<number> {
  /** The awards a client that pages `query` to the end ends up with, in the API's order. */
  truth(query?: SbirQuery): SbirAward[];
  /** How many awards `query` matches (the real API does not say; this is for tests). */
  count(query?: SbirQuery): number;
  /** The award with this `award_link`. */
  award(awardLink: number): SbirAward | undefined;
  /** Every (year, agency) group with its size, years ascending, agencies in dataset order. */
  cohorts(): SbirCohort[];
  readonly size: number;
}
