import { z } from 'zod';
import { parseYmd } from '../../sim/dates.js';
import type { NihDataset } from './dataset.js';
import { NIH_SORT_FIELDS, type NihCriteria, type NihSortField } from './types.js';
import { INSTITUTES } from './vocab.js';

export const MAX_LIMIT = 500;
export const MAX_OFFSET = 14_999;
export const DEFAULT_LIMIT = 50;

/** The API's own words (third-party reports of live responses). */
export const LIMIT_TOO_LARGE =
  "System doesn't support limit value greater than 500. Please reduce your limit value.";
export const OFFSET_TOO_LARGE =
  "System doesn't support offset value greater than 14,999. Please narrow down your search criteria.";
// Not seen from the real API; worded in its style.
export const LIMIT_TOO_SMALL =
  "System doesn't support limit value less than 1. Please increase your limit value.";
export const OFFSET_NEGATIVE = "System doesn't support negative offset value.";

const ymd = z.string().refine((s) => parseYmd(s) !== undefined, { message: 'expected a date as YYYY-MM-DD' });
const range = z.object({ from_date: ymd.nullish(), to_date: ymd.nullish() }).nullish();

// Unknown criteria keys are dropped (zod's default), as the real API's model binding ignores
// properties it does not know; a known key with the wrong type is a 400.
const criteriaSchema = z.object({
  fiscal_years: z.array(z.int()).nullish(),
  activity_codes: z.array(z.string()).nullish(),
  award_notice_date: range,
  project_start_date: range,
  date_added: range,
  appl_ids: z.array(z.int()).nullish(),
  project_nums: z.array(z.string()).nullish(),
  org_names: z.array(z.string()).nullish(),
  agencies: z.array(z.string()).nullish(),
});

const requestSchema = z.object({
  criteria: criteriaSchema.nullish(),
  include_fields: z.array(z.string()).nullish(),
  exclude_fields: z.array(z.string()).nullish(),
  offset: z.int().nullish(),
  limit: z.int().nullish(),
  sort_field: z.string().nullish(),
  sort_order: z.string().nullish(),
});

/** Criteria reduced to what the filter loop needs. */
export interface CompiledCriteria {
  fiscalYears?: Set<number>;
  /** Dataset code indexes; an empty set matches nothing (only unknown codes were asked for). */
  codes?: Set<number>;
  notice?: [number, number];
  start?: [number, number];
  added?: [number, number];
  applIds?: number[];
  projectNums?: Set<string>;
  /** Org indexes whose name contains one of the asked names. */
  orgs?: Set<number>;
  /** Institute indexes (`INSTITUTES`) of the asked abbreviations; the administering IC is also the funding one here. */
  ics?: Set<number>;
}

export interface ParsedSearch {
  criteria: CompiledCriteria;
  /** Canonical text of the criteria, for caching and `search_id`. */
  criteriaKey: string;
  includeFields?: string[];
  excludeFields?: string[];
  offset: number;
  limit: number;
  sortField: NihSortField | null;
  /** As the client sent it (null when not sent). */
  sortFieldEcho: string | null;
  sortOrderEcho: string;
  descending: boolean;
}

export type ParseResult = { ok: true; value: ParsedSearch } | { ok: false; messages: string[] };

/** `ApplId` → `appl_id`; snake_case names pass through. */
export function fieldName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function issues(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`,
  );
}

function dayRange(
  r: { from_date?: string | null; to_date?: string | null } | null | undefined,
): [number, number] | undefined {
  if (!r || (!r.from_date && !r.to_date)) return undefined;
  return [
    r.from_date ? (parseYmd(r.from_date) as number) : Number.NEGATIVE_INFINITY,
    r.to_date ? (parseYmd(r.to_date) as number) : Number.POSITIVE_INFINITY,
  ];
}

function compileCriteria(ds: NihDataset, c: z.infer<typeof criteriaSchema>): CompiledCriteria {
  const out: CompiledCriteria = {};
  // An empty list means "no filter", as on the real API.
  if (c.fiscal_years?.length) out.fiscalYears = new Set(c.fiscal_years);
  if (c.activity_codes?.length) {
    const wanted = new Set(c.activity_codes.map((code) => code.trim().toUpperCase()));
    out.codes = new Set(ds.codes.flatMap((code, i) => (wanted.has(code.toUpperCase()) ? [i] : [])));
  }
  const notice = dayRange(c.award_notice_date);
  if (notice) out.notice = notice;
  const start = dayRange(c.project_start_date);
  if (start) out.start = start;
  const added = dayRange(c.date_added);
  if (added) out.added = added;
  if (c.appl_ids?.length) out.applIds = [...new Set(c.appl_ids)].sort((a, b) => a - b);
  if (c.project_nums?.length) out.projectNums = new Set(c.project_nums.map((p) => p.trim().toUpperCase()));
  if (c.org_names?.length) {
    const names = c.org_names.map((n) => n.trim().toUpperCase()).filter((n) => n !== '');
    out.orgs = new Set(
      ds.orgs.flatMap((org, i) => (names.some((n) => org.upperName.includes(n)) ? [i] : [])),
    );
  }
  if (c.agencies?.length) {
    const wanted = new Set(c.agencies.map((a) => a.trim().toUpperCase()));
    out.ics = new Set(INSTITUTES.flatMap(([, abbreviation], i) => (wanted.has(abbreviation) ? [i] : [])));
  }
  return out;
}

function canonicalKey(c: CompiledCriteria): string {
  return JSON.stringify(c, (_key, value: unknown) => {
    if (value instanceof Set) return [...value].sort();
    if (value === Number.POSITIVE_INFINITY) return 'inf';
    if (value === Number.NEGATIVE_INFINITY) return '-inf';
    return value;
  });
}

/** Criteria alone, for `truth()`: throws on what the API would refuse. */
export function parseCriteria(
  ds: NihDataset,
  criteria: NihCriteria | undefined,
): { criteria: CompiledCriteria; key: string } {
  const parsed = criteriaSchema.safeParse(criteria ?? {});
  if (!parsed.success)
    throw new TypeError(`[freshet] [sim:nih] invalid criteria: ${issues(parsed.error).join('; ')}`);
  const compiled = compileCriteria(ds, parsed.data);
  return { criteria: compiled, key: canonicalKey(compiled) };
}

/** Validates a search body the way the API does: a JSON array of messages on failure. */
export function parseSearch(ds: NihDataset, body: unknown): ParseResult {
  const parsed = requestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, messages: issues(parsed.error) };
  const b = parsed.data;
  const messages: string[] = [];
  const offset = b.offset ?? 0;
  const limit = b.limit ?? DEFAULT_LIMIT;
  if (offset < 0) messages.push(OFFSET_NEGATIVE);
  if (offset > MAX_OFFSET) messages.push(OFFSET_TOO_LARGE);
  if (limit < 1) messages.push(LIMIT_TOO_SMALL);
  if (limit > MAX_LIMIT) messages.push(LIMIT_TOO_LARGE);

  let sortField: NihSortField | null = null;
  if (b.sort_field) {
    const name = fieldName(b.sort_field);
    if ((NIH_SORT_FIELDS as readonly string[]).includes(name)) sortField = name as NihSortField;
    else messages.push(`Sort field '${b.sort_field}' is not supported.`);
  }
  const order = (b.sort_order ?? 'asc').toLowerCase();
  if (order !== 'asc' && order !== 'desc')
    messages.push(`Sort order '${b.sort_order}' is not supported. Use asc or desc.`);
  if (messages.length > 0) return { ok: false, messages };

  const criteria = compileCriteria(ds, b.criteria ?? {});
  return {
    ok: true,
    value: {
      criteria,
      criteriaKey: canonicalKey(criteria),
      ...(b.include_fields?.length ? { includeFields: b.include_fields.map(fieldName) } : {}),
      ...(b.exclude_fields?.length ? { excludeFields: b.exclude_fields.map(fieldName) } : {}),
      offset,
      limit,
      sortField,
      sortFieldEcho: b.sort_field ?? null,
      sortOrderEcho: b.sort_order ?? 'ASC',
      descending: order === 'desc',
    },
  };
}

function inRange(value: number, r: [number, number] | undefined): boolean {
  return r === undefined || (value >= r[0] && value <= r[1]);
}

function sortValues(ds: NihDataset, field: NihSortField): (i: number) => number {
  switch (field) {
    case 'appl_id':
      return (i) => ds.applId[i] as number;
    case 'award_notice_date':
      return (i) => ds.noticeDay[i] as number;
    case 'project_start_date':
      return (i) => ds.startDay[i] as number;
    case 'project_end_date':
      return (i) => ds.endDay[i] as number;
    case 'award_amount':
      return (i) => ds.amount[i] as number;
    case 'fiscal_year':
      return (i) => ds.fiscalYear[i] as number;
    case 'date_added':
      return (i) => ds.addedDay(i);
  }
}

/**
 * Storage indexes matching `c`, in the requested order. Without a sort field the real API
 * orders by relevance; here that order is appl_id ascending, so paging is stable. Ties on any
 * sort field are broken by appl_id ascending.
 */
export function search(
  ds: NihDataset,
  c: CompiledCriteria,
  sortField: NihSortField | null,
  descending: boolean,
): Int32Array {
  const candidates: Iterable<number> = c.applIds
    ? c.applIds.flatMap((id) => {
        const i = ds.indexOf(id);
        return i === undefined ? [] : [i];
      })
    : ds.byApplId;
  const hits: number[] = [];
  for (const i of candidates) {
    if (c.codes && !c.codes.has(ds.code[i] as number)) continue;
    if (c.fiscalYears && !c.fiscalYears.has(ds.fiscalYear[i] as number)) continue;
    if (!inRange(ds.noticeDay[i] as number, c.notice)) continue;
    if (!inRange(ds.startDay[i] as number, c.start)) continue;
    if (c.added && !inRange(ds.addedDay(i), c.added)) continue;
    if (c.orgs && !c.orgs.has(ds.org[i] as number)) continue;
    if (c.ics && !c.ics.has(ds.ic[i] as number)) continue;
    if (c.projectNums && !c.projectNums.has(ds.projectNum(i))) continue;
    hits.push(i);
  }
  const field = sortField ?? 'appl_id';
  if (field !== 'appl_id' || descending) {
    const value = sortValues(ds, field);
    const sign = descending ? -1 : 1;
    // Array.prototype.sort is stable and hits are in appl_id order, so ties stay appl_id ascending.
    hits.sort((a, b) => sign * (value(a) - value(b)));
  }
  return Int32Array.from(hits);
}

/** Remembers recent searches: a client pages one criteria set many times over. */
export class SearchCache {
  readonly #entries = new Map<string, Int32Array>();

  constructor(
    private readonly ds: NihDataset,
    private readonly capacity = 16,
  ) {}

  get(c: CompiledCriteria, key: string, sortField: NihSortField | null, descending: boolean): Int32Array {
    // The version makes entries from before a `mutate` (new amounts, new end dates) miss.
    const cacheKey = `${this.ds.version}|${sortField}|${descending}|${key}`;
    const hit = this.#entries.get(cacheKey);
    if (hit) {
      this.#entries.delete(cacheKey);
      this.#entries.set(cacheKey, hit);
      return hit;
    }
    const result = search(this.ds, c, sortField, descending);
    this.#entries.set(cacheKey, result);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return result;
  }
}
