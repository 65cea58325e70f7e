import { DAY_MS, parseYmd } from '../../sim/dates.js';
import type { PatentsViewDataset } from './dataset.js';
import { ALWAYS_RETURNED_GROUPS, NESTED_GROUPS, SCALAR_FIELDS } from './fields.js';
import { buildPatent } from './record.js';
import {
  checkField,
  type FieldKind,
  firstEntry,
  isOperator,
  kindOf,
  type ParsedRequest,
  QueryCrashed,
  QueryRejected,
  type SortKey,
} from './request.js';
import type { PatentsViewPatent } from './types.js';

type Scalar = string | number | boolean;

/** Reads one patent's field values, from the columns where it can, else from the built record. */
class RowReader {
  #i = -1;
  #record: PatentsViewPatent | undefined;

  constructor(
    private readonly ds: PatentsViewDataset,
    private readonly pad: boolean,
  ) {}

  at(i: number): this {
    this.#i = i;
    this.#record = undefined;
    return this;
  }

  get record(): PatentsViewPatent {
    this.#record ??= buildPatent(this.ds, this.#i);
    return this.#record;
  }

  /** Every value at `field` (`inventors.inventor_name_last` gives one per inventor); [] when missing. */
  raw(field: string): Scalar[] {
    const i = this.#i;
    switch (field) {
      case 'patent_id':
        return [this.pad ? this.ds.paddedIds[i]! : this.ds.ids[i]!];
      case 'patent_type':
        return [this.ds.typeOf(i)];
      case 'withdrawn':
        return [this.ds.withdrawn[i] === 1];
      case 'patent_year':
        return [new Date(this.ds.day[i]! * DAY_MS).getUTCFullYear()];
      case 'patent_num_times_cited_by_us_patents':
        return [this.ds.citedBy[i]!];
    }
    const record = this.record as unknown as Record<string, unknown>;
    const dot = field.indexOf('.');
    if (dot === -1) return present(record[field]);
    const group = record[field.slice(0, dot)];
    if (!Array.isArray(group)) return [];
    const sub = field.slice(dot + 1);
    return group.flatMap((item: Record<string, unknown>) => present(item[sub]));
  }

  /** Values in comparable form: dates as epoch ms. */
  values(field: string, kind: FieldKind): Scalar[] {
    if (field === 'patent_date') return [this.ds.day[this.#i]! * DAY_MS];
    const raw = this.raw(field);
    return kind === 'date'
      ? raw.flatMap((v) => (typeof v === 'string' ? [Date.parse(`${v}T00:00:00Z`)] : []))
      : raw;
  }
}

function present(value: unknown): Scalar[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.filter((v): v is Scalar => v !== null && typeof v !== 'object');
  return typeof value === 'object' ? [] : [value as Scalar];
}

/** A query value in the field's comparable form, or the API's 400 for what Elasticsearch cannot parse. */
function normalize(kind: FieldKind, value: unknown): Scalar {
  switch (kind) {
    case 'date': {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'string') {
        const day = parseYmd(value);
        if (day !== undefined) return day * DAY_MS;
        if (/^\d{4}-\d{2}-\d{2}T/.test(value) && parseYmd(value.slice(0, 10)) !== undefined) {
          const ms = Date.parse(/([zZ]|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
          if (Number.isFinite(ms)) return ms;
        }
      }
      throw new QueryRejected('Invalid date supplied in query');
    }
    case 'number': {
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
      throw new QueryRejected(`Invalid number supplied For input string: "${String(value)}"`);
    }
    case 'boolean':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      throw new QueryRejected('Internal Server Error');
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}

type Matcher = (row: RowReader) => boolean;

const RANGE: Record<string, (a: Scalar, b: Scalar) => boolean> = {
  _gt: (a, b) => a > b,
  _gte: (a, b) => a >= b,
  _lt: (a, b) => a < b,
  _lte: (a, b) => a <= b,
};

function leaf(operator: string, field: string, value: unknown): Matcher {
  checkField(field);
  const kind = kindOf(field);
  const range = RANGE[operator];
  if (range) {
    if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
      throw new QueryRejected('Internal Server Error', 'ERR_ES', 500);
    }
    const bound = normalize(kind, value);
    return (row) => row.values(field, kind).some((v) => range(v, bound));
  }
  switch (operator) {
    case '_eq': {
      const wanted = (Array.isArray(value) ? value : [value]).map((v) => normalize(kind, v));
      if (kind === 'text') {
        const words = new Set(wanted.flatMap((w) => tokens(String(w))));
        return (row) => row.values(field, kind).some((v) => tokens(String(v)).some((t) => words.has(t)));
      }
      const set = new Set<Scalar>(wanted);
      return (row) => row.values(field, kind).some((v) => set.has(v));
    }
    case '_begins':
    case '_contains': {
      const needles = (Array.isArray(value) ? value : [value]).map((v) => String(v).toLowerCase());
      const test =
        operator === '_begins'
          ? (s: string) => needles.some((n) => s.startsWith(n))
          : (s: string) => needles.some((n) => s.includes(n));
      return (row) => row.raw(field).some((v) => test(String(v).toLowerCase()));
    }
    case '_text_all':
    case '_text_any':
    case '_text_phrase': {
      if (typeof value !== 'string') throw new QueryRejected('Internal Server Error', 'ERR_ES', 500);
      const words = tokens(value);
      return (row) =>
        row.raw(field).some((v) => {
          const have = tokens(String(v));
          if (operator === '_text_any') return words.some((w) => have.includes(w));
          if (operator === '_text_all') return words.every((w) => have.includes(w));
          return have.some((_, start) => words.every((w, k) => have[start + k] === w));
        });
    }
    default:
      throw new QueryCrashed(`unknown operator ${operator}`);
  }
}

/** Compiles a `q` criterion the way the API's `QueryParser` reads it. */
export function compileQuery(node: unknown): Matcher {
  const [key, value] = firstEntry(node);
  if (key === '_and' || key === '_or') {
    if (!Array.isArray(value)) throw new QueryCrashed(`${key} expects a list`);
    const parts = value.map(compileQuery);
    return key === '_and'
      ? (row) => parts.every((m) => m(row))
      : (row) => parts.length === 0 || parts.some((m) => m(row));
  }
  if (key === '_not' || key === '_neq') {
    const inner = compileQuery(value);
    return (row) => !inner(row);
  }
  if (isOperator(key)) {
    const [field, operand] = firstEntry(value);
    return leaf(key, field, operand);
  }
  return leaf('_eq', key, value);
}

type SortValue = Scalar | null;

function compareValues(a: SortValue, b: SortValue, desc: boolean): number {
  // Elasticsearch puts documents without a value last, in either direction.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const cmp = a < b ? -1 : a > b ? 1 : 0;
  return desc ? -cmp : cmp;
}

function compareTuples(a: readonly SortValue[], b: readonly SortValue[], sort: readonly SortKey[]): number {
  for (let k = 0; k < sort.length; k++) {
    const cmp = compareValues(a[k] ?? null, b[k] ?? null, sort[k]!.desc);
    if (cmp !== 0) return cmp;
  }
  return 0;
}

/** The matches of a query, sorted, with their sort values (what `after` is compared with). */
export interface Hits {
  order: Int32Array;
  values: SortValue[][];
}

/** Runs queries, remembering recent ones: a client pages the same query many times over. */
export class PatentSearch {
  readonly #cache = new Map<string, Hits>();

  constructor(
    private readonly ds: PatentsViewDataset,
    private readonly capacity = 16,
  ) {}

  hits(q: unknown, sort: readonly SortKey[], pad: boolean): Hits {
    const key = `${this.ds.version}|${pad}|${JSON.stringify(sort)}|${JSON.stringify(q)}`;
    const cached = this.#cache.get(key);
    if (cached) {
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const match = compileQuery(q);
    const row = new RowReader(this.ds, pad);
    const found: Array<{ i: number; values: SortValue[] }> = [];
    for (let i = 0; i < this.ds.size; i++) {
      if (!match(row.at(i))) continue;
      found.push({ i, values: sort.map((s) => sortValue(row.values(s.field, s.kind))) });
    }
    // Stable: ties keep storage (grant) order, as Elasticsearch keeps index order.
    found.sort((a, b) => compareTuples(a.values, b.values, sort));
    const hits: Hits = { order: Int32Array.from(found, (f) => f.i), values: found.map((f) => f.values) };
    this.#cache.set(key, hits);
    if (this.#cache.size > this.capacity) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return hits;
  }

  /** One page: the first `size` hits after the `after` values (Elasticsearch's `search_after`). */
  page(request: ParsedRequest): { total: number; indexes: number[] } {
    const hits = this.hits(request.q, request.sort, request.pad);
    let start = 0;
    if (request.after !== undefined && request.sort.length > 0) {
      const after = request.after.map((v, k) => (v === null ? null : normalize(request.sort[k]!.kind, v)));
      let lo = 0;
      let hi = hits.order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareTuples(hits.values[mid]!, after, request.sort) <= 0) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const end = Math.min(hits.order.length, start + request.size);
    return { total: hits.order.length, indexes: Array.from(hits.order.subarray(start, end)) };
  }
}

function sortValue(values: Scalar[]): SortValue {
  const first = values[0];
  if (first === undefined) return null;
  return typeof first === 'boolean' ? (first ? 1 : 0) : first;
}

/**
 * The record as the API returns it for `fields`: the asked-for fields in serializer order,
 * whole groups or some of their subfields, and always the five hyperlinked groups.
 */
export function project(
  record: PatentsViewPatent,
  fields: readonly string[],
  pad: boolean,
  padded: string,
): Record<string, unknown> {
  const whole = new Set<string>();
  const parts = new Map<string, string[]>();
  for (const field of fields) {
    const dot = field.indexOf('.');
    if (dot === -1) whole.add(field);
    else parts.set(field.slice(0, dot), [...(parts.get(field.slice(0, dot)) ?? []), field.slice(dot + 1)]);
  }
  const source = record as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of SCALAR_FIELDS) {
    if (!whole.has(field)) continue;
    out[field] = field === 'patent_id' && pad ? padded : (source[field] ?? null);
  }
  for (const group of NESTED_GROUPS) {
    const items = source[group];
    if (!Array.isArray(items)) continue;
    if (whole.has(group) || ALWAYS_RETURNED_GROUPS.has(group)) {
      out[group] = items;
      continue;
    }
    const subs = parts.get(group);
    if (subs) {
      out[group] = items.map((item: Record<string, unknown>) =>
        Object.fromEntries(subs.filter((s) => s in item).map((s) => [s, item[s]])),
      );
    }
  }
  return out;
}
