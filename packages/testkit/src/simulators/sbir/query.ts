import type { SbirDataset } from './dataset.js';
import type { SbirAward, SbirQuery } from './types.js';

/** The largest `rows` the API takes (the documented maximum at the time of writing). */
export const MAX_ROWS = 5000;
/** `rows` when the parameter is left out. */
export const DEFAULT_ROWS = 100;

export interface ParsedAwardsQuery {
  query: SbirQuery;
  rows: number;
  start: number;
}

export type ParseResult = { ok: true; value: ParsedAwardsQuery } | { ok: false; message: string };

const WHOLE = /^[0-9]+$/;

/**
 * Reads `GET /public/api/awards` parameters the way the simulator assumes the API does:
 * unknown parameters are ignored, a bad `rows`, `start` or `year` is a 400 with a message.
 */
export function parseAwardsQuery(params: URLSearchParams): ParseResult {
  const text = (name: string) => {
    const value = params.get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const rowsText = text('rows');
  const startText = text('start');
  const yearText = text('year');
  if (rowsText !== undefined && !WHOLE.test(rowsText)) {
    return { ok: false, message: `rows must be a whole number from 0 to ${MAX_ROWS}` };
  }
  const rows = rowsText === undefined ? DEFAULT_ROWS : Number(rowsText);
  if (rows > MAX_ROWS) return { ok: false, message: `rows must not be greater than ${MAX_ROWS}` };
  if (startText !== undefined && !WHOLE.test(startText)) {
    return { ok: false, message: 'start must be a whole number, 0 or more' };
  }
  if (yearText !== undefined && !/^[0-9]{4}$/.test(yearText)) {
    return { ok: false, message: 'year must be a four-digit year' };
  }
  const query: SbirQuery = {};
  const agency = text('agency');
  if (agency !== undefined) query.agency = agency;
  const company = text('company');
  if (company !== undefined) query.company = company;
  const institution = text('research_institution');
  if (institution !== undefined) query.research_institution = institution;
  if (yearText !== undefined) query.year = Number(yearText);
  return { ok: true, value: { query, rows, start: startText === undefined ? 0 : Number(startText) } };
}

/** The awards matching `query`, in the API's order (award_link ascending). */
export function findAwards(ds: SbirDataset, query: SbirQuery = {}): SbirAward[] {
  const agency = query.agency?.toUpperCase();
  const company = query.company?.toUpperCase();
  const institution = query.research_institution?.toUpperCase();
  return ds.awards.filter(
    (award) =>
      (agency === undefined || award.agency === agency) &&
      (query.year === undefined || award.award_year === query.year) &&
      (company === undefined || award.firm.toUpperCase().includes(company)) &&
      (institution === undefined || (award.ri_name?.toUpperCase().includes(institution) ?? false)),
  );
}
