import {
  DATE_FIELDS,
  DEFAULT_FIELDS,
  DEFAULT_SIZE,
  DEFAULT_SORT,
  FIELD_LIST,
  MAX_SIZE,
  NESTED_GROUPS,
  NUMBER_FIELDS,
  TEXT_FIELDS,
} from './fields.js';

/**
 * A request the API refuses: 400, body `{"error":true}`, the reason in `X-Status-Reason` and
 * `X-Status-Reason-Code` (the API's `custom_exception_handler`).
 */
export class QueryRejected extends Error {
  constructor(
    readonly reason: string,
    readonly reasonCode = 'ERR_Q',
    readonly status = 400,
  ) {
    super(reason);
  }
}

/** An exception the API does not handle: Django answers its stock HTML 500 page. */
export class QueryCrashed extends Error {}

/** The four parameters after JSON decoding; undefined when absent. */
export interface RawRequest {
  q: unknown;
  f: unknown;
  s: unknown;
  o: unknown;
}

export type FieldKind = 'keyword' | 'text' | 'date' | 'number' | 'boolean';

export interface SortKey {
  field: string;
  desc: boolean;
  kind: FieldKind;
}

/** A validated request: what the search needs. */
export interface ParsedRequest {
  /** The query as the API runs it (wrapped in `withdrawn: false` unless told otherwise). */
  q: unknown;
  fields: string[];
  sort: SortKey[];
  size: number;
  after: unknown[] | undefined;
  pad: boolean;
}

const OPERATORS = new Set([
  '_eq',
  '_neq',
  '_gt',
  '_gte',
  '_lt',
  '_lte',
  '_begins',
  '_contains',
  '_text_all',
  '_text_any',
  '_text_phrase',
  '_not',
  '_and',
  '_or',
]);

export function isOperator(key: string): boolean {
  return OPERATORS.has(key);
}

export function kindOf(field: string): FieldKind {
  if (DATE_FIELDS.has(field) || field.endsWith('_date')) return 'date';
  if (NUMBER_FIELDS.has(field) || /\.(\w+_sequence|num_figures|num_sheets)$/.test(field)) return 'number';
  if (TEXT_FIELDS.has(field)) return 'text';
  if (field === 'withdrawn' || field.endsWith('.rule_47_flag')) return 'boolean';
  return 'keyword';
}

function decode(name: string, text: string | null): unknown {
  if (text === null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new QueryRejected(`Invalid JSON in '${name}' parameter`);
  }
}

/** GET: each parameter is a JSON string; `q` is required. */
export function rawFromGet(query: URLSearchParams): RawRequest {
  const qText = query.get('q');
  if (qText === null) throw new QueryRejected('Query String is missing');
  let q: unknown;
  try {
    q = JSON.parse(qText);
  } catch {
    throw new QueryRejected("Invalid JSON in 'q' parameter");
  }
  return {
    q,
    f: decode('f', query.get('f')),
    s: decode('s', query.get('s')),
    o: decode('o', query.get('o')),
  };
}

/** POST: a JSON object with the same four keys, already decoded. */
export function rawFromPost(body: unknown): RawRequest {
  if (body === undefined) throw new QueryRejected('Query String is missing');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new QueryRejected(
      'POST method expects JSON objects in the body. Found string representation of JSON instead ',
    );
  }
  const data = body as Record<string, unknown>;
  if (!('q' in data)) throw new QueryRejected('Query String is missing');
  return { q: data.q, f: data.f, s: data.s, o: data.o };
}

/** Python's `len()` of a decoded JSON value, or undefined where Python would raise. */
function pyLen(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return undefined;
}

/** What Python iterates over: list items, dict keys, string characters. */
function pyIter(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (typeof value === 'object' && value !== null) return Object.keys(value);
  throw new QueryCrashed(`'${value === null ? 'NoneType' : typeof value}' object is not iterable`);
}

/** The first key and its value of a criterion, as the API's `extract_key_value`. */
export function firstEntry(node: unknown): [string, unknown] {
  if (Array.isArray(node)) {
    throw new QueryRejected('Invalid API Query Syntax (JSON rules not violated)');
  }
  if (typeof node !== 'object' || node === null) throw new QueryCrashed('object has no attribute keys');
  const entry = Object.entries(node)[0];
  if (!entry) throw new QueryCrashed('list index out of range');
  return entry;
}

export function checkField(field: string): void {
  const dot = field.indexOf('.');
  if (dot === -1) {
    if (!FIELD_LIST.includes(field)) throw new QueryRejected(`Invalid field: ${field}`);
    return;
  }
  const group = field.slice(0, dot);
  if (!(NESTED_GROUPS as readonly string[]).includes(group)) {
    if (!FIELD_LIST.includes(group)) throw new QueryRejected(`Invalid field: ${field}`);
    throw new QueryRejected(`Invalid field: ${field}. ${group} is not a nested field`);
  }
}

function booleanOption(o: Record<string, unknown>, name: string): boolean | undefined {
  if (!(name in o)) return undefined;
  let value = o[name];
  if (typeof value === 'string') value = value.trim().toLowerCase();
  if (value === 0 || value === 'false') return false;
  if (value === 1 || value === 'true') return true;
  if (typeof value !== 'boolean') {
    throw new QueryRejected(`'${name}' option provided with non-boolean value: ${String(value)}`);
  }
  return value;
}

/** True when the query asks for withdrawn patents itself (`{"withdrawn": true}` anywhere). */
function asksForWithdrawn(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(asksForWithdrawn);
  if (typeof node !== 'object' || node === null) return false;
  const entries = Object.entries(node);
  if (entries.length === 1 && entries[0]![0] === 'withdrawn' && entries[0]![1] === true) return true;
  return entries.some(([, value]) => asksForWithdrawn(value));
}

/**
 * Validates a request in the order the API does (`validate_request_parameters`, then the query
 * and sort, then the page size) and answers its messages.
 */
export function parseRequest(raw: RawRequest, oversized: 'clamp' | 'reject'): ParsedRequest {
  const sortSpec = raw.s === undefined ? DEFAULT_SORT : raw.s;
  const fieldSpec = raw.f === undefined ? DEFAULT_FIELDS : raw.f;
  const o = raw.o === undefined ? {} : raw.o;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new QueryCrashed("'o' is not a dict");
  const options = { ...(o as Record<string, unknown>) };
  if ('after' in options && !Array.isArray(options.after)) options.after = [options.after];

  const qLength = pyLen(raw.q);
  if (qLength === undefined) throw new QueryCrashed('object of this type has no len()');
  if (qLength < 1) throw new QueryRejected('Query String is missing');
  if (qLength > 1) throw new QueryRejected("Query string should have only one 'key-value' pair");

  const fields: string[] = [];
  for (const item of pyIter(fieldSpec)) {
    const field = String(item);
    checkField(field);
    fields.push(field);
  }

  if (sortSpec === null) throw new QueryCrashed("'NoneType' object is not iterable");
  const sortItems = pyIter(sortSpec);
  const sortPairs: Array<[string, unknown]> = [];
  for (const item of sortItems) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new QueryRejected("'s' parameter invalid");
    }
    const [field, direction] = firstEntry(item);
    if (!FIELD_LIST.includes(field)) throw new QueryRejected(`Invalid field: ${field}`);
    sortPairs.push([field, direction]);
  }

  const after = options.after as unknown[] | undefined;
  if (after !== undefined && after.length !== sortPairs.length) {
    throw new QueryRejected(`Sort option had ${sortPairs.length} elements but 'after' had ${after.length}`);
  }
  if ('offset' in options) throw new QueryRejected("'offset' has been replaces with 'after' parameter.");
  const pad = booleanOption(options, 'pad_patent_id') ?? false;
  const excludeWithdrawn = booleanOption(options, 'exclude_withdrawn') ?? true;

  const q = excludeWithdrawn && !asksForWithdrawn(raw.q) ? { _and: [{ withdrawn: false }, raw.q] } : raw.q;

  const sort: SortKey[] = sortPairs.map(([field, direction]) => {
    if (direction !== 'asc' && direction !== 'desc') {
      // Elasticsearch cannot parse the order: an error the API passes on as a 500.
      throw new QueryRejected('Internal Server Error', 'ERR_ES', 500);
    }
    const kind = kindOf(field);
    if (kind === 'text' || (NESTED_GROUPS as readonly string[]).includes(field)) {
      // Elasticsearch refuses to sort on text and nested fields (illegal_argument_exception).
      throw new QueryRejected('Internal Server Error');
    }
    return { field, desc: direction === 'desc', kind };
  });

  const asked: unknown = options.size === undefined ? DEFAULT_SIZE : options.size;
  if (typeof asked !== 'number')
    throw new QueryCrashed("'>' not supported between instances of 'str' and 'int'");
  let size = asked;
  if (size > MAX_SIZE) {
    if (oversized === 'reject') throw new QueryRejected(`'size' option cannot exceed ${MAX_SIZE}`);
    size = MAX_SIZE;
  }
  if (!Number.isInteger(size) || size < 0) throw new QueryRejected('Internal Server Error');

  return { q, fields, sort, size, after, pad };
}
