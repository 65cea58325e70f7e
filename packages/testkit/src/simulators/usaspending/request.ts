import {
  ApiError,
  array,
  boolean,
  date,
  enumValue,
  float,
  integer,
  missingValue,
  object,
  provided,
  text,
} from './tinyshield.js';
import type { UsaspendingDateType } from './types.js';
import { ALL_AWARD_TYPE_CODES } from './vocab.js';

export const API_SEARCH_MIN_DATE = '2007-10-01';
export const API_MIN_DATE = '2000-10-01';
export const API_MAX_DATE = '2100-12-31';
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

const TIME_PERIOD_MIN_MESSAGE = (field: string) =>
  `${field} falls before the earliest available search date of ${API_SEARCH_MIN_DATE}.  For data going back to ${API_MIN_DATE}, use either the Custom Award Download feature on the website or one of our download or bulk_download API endpoints listed on https://api.usaspending.gov/docs/endpoints.`;

/** Always the first of `messages` (the recorded text). */
export const TIME_PERIOD_MESSAGE = `For searches, time period start and end dates are currently limited to an earliest date of ${API_SEARCH_MIN_DATE}.  For data going back to ${API_MIN_DATE}, use either the Custom Award Download feature on the website or one of our download or bulk_download API endpoints as listed on https://api.usaspending.gov/docs/endpoints.`;

/** The filter names the search endpoints know (`AWARD_FILTER_NO_RECIPIENT_ID`); others are reported unused. */
export const KNOWN_FILTERS = [
  'award_ids',
  'award_type_codes',
  'contract_pricing_type_codes',
  'extent_competed_type_codes',
  'keywords',
  'legal_entities',
  'naics_codes',
  'place_of_performance_scope',
  'program_numbers',
  'psc_codes',
  'recipient_scope',
  'recipient_search_text',
  'recipient_type_names',
  'set_aside_type_codes',
  'time_period',
  'award_amounts',
  'agencies',
  'recipient_locations',
  'place_of_performance_locations',
  'treasury_account_components',
  'tas_codes',
  'def_codes',
  'description',
  'award_unique_id',
] as const;

export function unusedFiltersMessage(filters: unknown): string | undefined {
  if (typeof filters !== 'object' || filters === null) return undefined;
  const unused = Object.keys(filters).filter((k) => !(KNOWN_FILTERS as readonly string[]).includes(k));
  if (unused.length === 0) return undefined;
  // Python prints the set as {'a', 'b'}.
  const set = `{${unused
    .sort()
    .map((k) => `'${k}'`)
    .join(', ')}}`;
  return `The following filters from the request were not used: ${set}. See https://api.usaspending.gov/docs/endpoints for a list of appropriate filters`;
}

export interface TimePeriod {
  start: string;
  end: string;
  dateType: UsaspendingDateType | null;
}

/** Filters after validation, reduced to what this simulator applies. */
export interface ParsedFilters {
  awardTypeCodes?: string[];
  timePeriods?: TimePeriod[];
  keywords?: string[];
  agencies?: Array<{
    type: 'awarding' | 'funding';
    tier: 'toptier' | 'subtier';
    name: string;
    toptierName?: string;
  }>;
  recipientSearchText?: string[];
  recipientTypeNames?: string[];
  programNumbers?: string[];
  awardIds?: string[];
  awardAmounts?: Array<[number, number]>;
}

export interface ParsedSearch {
  fields: string[];
  lastRecordUniqueId: number | null;
  lastRecordSortValue: string | null;
  filters: ParsedFilters;
  page: number;
  limit: number;
  sort: string | null;
  order: 'asc' | 'desc';
  subawards: boolean;
}

function at(body: Record<string, unknown>, key: string): unknown {
  let value: unknown = body;
  for (const part of key.split('|')) {
    // A missing key reads as {} (TinyShield's `.get(key, {})`), so the walk goes on.
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      // Django would crash calling .get on it; the API answers 500.
      throw new ApiError(500, `'${typeof value}' object has no attribute 'get'`);
    }
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function textArray(key: string, value: unknown, min = 1): string[] {
  return array(key, value).map((item) => text(key, item, min));
}

function parseFilters(body: Record<string, unknown>, requireTypes: boolean): ParsedFilters {
  const out: ParsedFilters = {};
  const get = (name: string) => at(body, `filters|${name}`);
  const ids = get('award_ids');
  if (provided(ids)) out.awardIds = textArray('filters|award_ids', ids);
  const codes = get('award_type_codes');
  if (provided(codes)) {
    out.awardTypeCodes = array('filters|award_type_codes', codes).map((code) =>
      enumValue('filters|award_type_codes', code, ALL_AWARD_TYPE_CODES),
    );
  } else if (requireTypes) {
    throw missingValue('filters|award_type_codes');
  }
  const keywords = get('keywords');
  if (provided(keywords)) out.keywords = textArray('filters|keywords', keywords, 3);
  const programs = get('program_numbers');
  if (provided(programs)) out.programNumbers = textArray('filters|program_numbers', programs);
  const recipient = get('recipient_search_text');
  if (provided(recipient)) out.recipientSearchText = textArray('filters|recipient_search_text', recipient);
  const types = get('recipient_type_names');
  if (provided(types)) out.recipientTypeNames = textArray('filters|recipient_type_names', types);

  const periods = get('time_period');
  if (provided(periods)) {
    out.timePeriods = array('filters|time_period', periods).map((item) => {
      const key = 'filters|time_period';
      const o = object(key, item, ['start_date', 'end_date', 'date_type']);
      // Either end may be left out; given, neither may fall before the earliest searchable date.
      const bound = (field: 'start_date' | 'end_date', absent: string) =>
        o[field] === undefined
          ? absent
          : date(key, o[field], { date: API_SEARCH_MIN_DATE, message: TIME_PERIOD_MIN_MESSAGE(field) });
      const start = bound('start_date', API_SEARCH_MIN_DATE);
      const end = bound('end_date', API_MAX_DATE);
      const dateType =
        o.date_type === undefined
          ? null
          : enumValue(key, o.date_type, [
              'action_date',
              'last_modified_date',
              'date_signed',
              'new_awards_only',
            ] as const);
      return { start, end, dateType };
    });
  }

  const amounts = get('award_amounts');
  if (provided(amounts)) {
    out.awardAmounts = array('filters|award_amounts', amounts).map((item) => {
      const key = 'filters|award_amounts';
      const o = object(key, item, ['lower_bound', 'upper_bound']);
      return [
        o.lower_bound === undefined ? Number.NEGATIVE_INFINITY : float(key, o.lower_bound),
        o.upper_bound === undefined ? Number.POSITIVE_INFINITY : float(key, o.upper_bound),
      ];
    });
  }

  const agencies = get('agencies');
  if (provided(agencies)) {
    out.agencies = array('filters|agencies', agencies).map((item) => {
      const key = 'filters|agencies';
      const o = object(key, item, ['type', 'tier', 'toptier_name', 'name'], ['type', 'tier', 'name']);
      const toptierName = o.toptier_name === undefined ? undefined : text(key, o.toptier_name);
      return {
        type: enumValue(key, o.type, ['funding', 'awarding'] as const),
        tier: enumValue(key, o.tier, ['toptier', 'subtier'] as const),
        name: text(key, o.name),
        ...(toptierName === undefined ? {} : { toptierName }),
      };
    });
  }
  return out;
}

/** Validates a filters object alone (for truth accessors); award types optional. */
export function parseFilterObject(filters: unknown): ParsedFilters {
  return parseFilters({ filters }, false);
}

function asBody(body: unknown): Record<string, unknown> {
  // An empty POST is an empty dict to DRF.
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(500, `'${Array.isArray(body) ? 'list' : typeof body}' object has no attribute 'get'`);
  }
  return body as Record<string, unknown>;
}

function spendingLevel(body: Record<string, unknown>): { subawards: boolean } {
  const subawards = provided(body.subawards) ? boolean('subawards', body.subawards) : false;
  if (provided(body.spending_level))
    enumValue('spending_level', body.spending_level, ['awards', 'subawards'] as const);
  return { subawards: subawards || body.spending_level === 'subawards' };
}

/** Validates a `spending_by_award` body as the API does, in the API's order of checks. */
export function parseSearch(raw: unknown): ParsedSearch {
  const body = asBody(raw);
  const { subawards } = spendingLevel(body);
  // Presence first (TinyShield's parse_request), then each rule in order.
  if (!provided(body.fields)) throw missingValue('fields');
  if (!provided(at(body, 'filters|award_type_codes'))) throw missingValue('filters|award_type_codes');
  const fields = textArray('fields', body.fields);
  const lastRecordUniqueId =
    body.last_record_unique_id === null || !provided(body.last_record_unique_id)
      ? null
      : integer('last_record_unique_id', body.last_record_unique_id);
  const lastRecordSortValue =
    body.last_record_sort_value === null || !provided(body.last_record_sort_value)
      ? null
      : text('last_record_sort_value', body.last_record_sort_value);
  const filters = parseFilters(body, true);
  const page = provided(body.page) ? integer('page', body.page, 1) : 1;
  const limit = provided(body.limit) ? integer('limit', body.limit, 1, MAX_LIMIT) : DEFAULT_LIMIT;
  const sort = provided(body.sort) ? text('sort', body.sort) : null;
  const order = provided(body.order) ? enumValue('order', body.order, ['asc', 'desc'] as const) : 'desc';
  return { fields, lastRecordUniqueId, lastRecordSortValue, filters, page, limit, sort, order, subawards };
}

/** Validates a `spending_by_award_count` body: award types optional, `filters` required. */
export function parseCount(raw: unknown): { filters: ParsedFilters; subawards: boolean } {
  const body = asBody(raw);
  const { subawards } = spendingLevel(body);
  const filters = parseFilters(body, false);
  // The view reads the validated filters: only known, provided ones count.
  const given = body.filters as Record<string, unknown> | undefined;
  if (!given || !KNOWN_FILTERS.some((name) => provided(given[name]))) {
    throw new ApiError(400, "Missing required request parameters: 'filters'");
  }
  return { filters, subawards };
}
