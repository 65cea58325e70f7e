import { hashSeed, Rng } from '../../sim/random.js';
import { empty, html, json, text } from '../../sim/responses.js';
import { mapListItems, renameKey } from '../../sim/schema-drift.js';
import type {
  RateLimitState,
  Route,
  SimRequest,
  SimResponse,
  SimulatorResponses,
  ThrottleInfo,
} from '../../sim/types.js';
import type { NihDataset } from './dataset.js';
import { parseSearch, type SearchCache } from './query.js';
import { buildRecord } from './record.js';
import type { NihProject, NihResultOrder, NihSearchResponse } from './types.js';

export const NIH_SEARCH_PATH = '/v2/projects/search';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function searchId(key: string): string {
  const rng = new Rng(hashSeed('search', key));
  let id = '';
  for (let i = 0; i < 22; i++) id += ID_CHARS[rng.int(0, ID_CHARS.length - 1)];
  return id;
}

function traceId(req: SimRequest): string {
  const rng = new Rng(hashSeed('trace', req.receivedAt, req.rawBody.length));
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `00-${hex(32)}-${hex(16)}-00`;
}

/** ASP.NET Core's validation problem, which a .NET API like RePORTER sends for unreadable bodies (inferred). */
function problem(req: SimRequest, errors: Record<string, string[]>): SimResponse {
  return json(
    400,
    {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      traceId: traceId(req),
      errors,
    },
    { 'content-type': 'application/problem+json; charset=utf-8' },
  );
}

function project(record: NihProject, include?: string[], exclude?: string[]): Partial<NihProject> {
  let out: Record<string, unknown> = record as unknown as Record<string, unknown>;
  if (include) {
    const keep = new Set(include);
    out = Object.fromEntries(Object.entries(out).filter(([k]) => keep.has(k)));
  }
  if (exclude) {
    const drop = new Set(exclude);
    out = Object.fromEntries(Object.entries(out).filter(([k]) => !drop.has(k)));
  }
  return out as Partial<NihProject>;
}

/** The result order in force, and how many searches it has ordered (the `shuffled` seed). */
export interface NihOrderState {
  order: NihResultOrder;
  searches: number;
}

/** `hits` in the order the state asks for; a copy when it differs from the asked sort. */
function ordered(ds: NihDataset, hits: Int32Array, criteriaKey: string, state: NihOrderState): Int32Array {
  if (state.order === 'asked') return hits;
  const seed =
    state.order === 'relevance'
      ? hashSeed('relevance', ds.seed, ds.version, criteriaKey)
      : hashSeed('shuffled', ds.seed, ds.version, criteriaKey, state.searches);
  // Start from appl_id order so the permutation depends on the criteria, not on the asked sort.
  const ids = Array.from(hits).sort((a, b) => (ds.applId[a] as number) - (ds.applId[b] as number));
  return Int32Array.from(new Rng(seed).shuffle(ids));
}

function searchProjects(
  ds: NihDataset,
  cache: SearchCache,
  state: NihOrderState,
  req: SimRequest,
): SimResponse {
  if (req.body === undefined) return problem(req, { '': ['A non-empty request body is required.'] });
  const parsed = parseSearch(ds, req.body);
  // The real API answers bad paging with a bare JSON array of messages.
  if (!parsed.ok) return json(400, parsed.messages);
  const q = parsed.value;
  state.searches++;
  const hits = ordered(
    ds,
    cache.get(q.criteria, q.criteriaKey, q.sortField, q.descending),
    q.criteriaKey,
    state,
  );
  const results: Array<Partial<NihProject>> = [];
  const end = Math.min(hits.length, q.offset + q.limit);
  for (let k = q.offset; k < end; k++) {
    results.push(project(buildRecord(ds, hits[k] as number), q.includeFields, q.excludeFields));
  }
  const id = searchId(`${q.criteriaKey}|${q.sortField}|${q.descending}`);
  const body: NihSearchResponse = {
    meta: {
      search_id: id,
      total: hits.length,
      offset: q.offset,
      limit: q.limit,
      sort_field: q.sortFieldEcho,
      sort_order: q.sortOrderEcho,
      sorted_by_relevance: state.order !== 'asked',
      // The API's own single-slash quirk, as recorded.
      properties: { URL: `https:/reporter.nih.gov/search/${id}/projects` },
    },
    results,
  };
  return json(200, body);
}

export function nihRoutes(ds: NihDataset, cache: SearchCache, state: NihOrderState): Route[] {
  return [{ method: 'POST', path: NIH_SEARCH_PATH, handler: (req) => searchProjects(ds, cache, state, req) }];
}

/** `1s`, `1m`, `12h`, `1d`: the period notation of AspNetCoreRateLimit. */
export function periodText(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/**
 * RePORTER's gateway rule as its `x-rate-limit-*` headers show it: about 200 requests a minute
 * per client. The docs' one request a second is what the simulator enforces; these headers only
 * report the gateway's count, as the real ones do.
 */
export const NIH_GATEWAY_LIMIT = { requests: 200, intervalMs: 60_000 } as const;

/**
 * The `x-rate-limit-*` headers of AspNetCoreRateLimit (the middleware the real headers come
 * from): `limit` is the rule's period (`1m`), `remaining` the requests left in the client's
 * window after this one, `reset` when that window ends (ISO 8601, UTC). Fixed windows that
 * start at a client's first request, as that middleware counts.
 */
export function nihGatewayHeaders(
  clock: () => number = Date.now,
): (state: RateLimitState) => Record<string, string> {
  const windows = new Map<string, { start: number; count: number }>();
  return (state) => {
    const now = clock();
    let window = windows.get(state.key);
    if (!window || now >= window.start + NIH_GATEWAY_LIMIT.intervalMs) {
      window = { start: now, count: 0 };
      windows.set(state.key, window);
    }
    window.count++;
    return {
      'x-rate-limit-limit': periodText(NIH_GATEWAY_LIMIT.intervalMs),
      'x-rate-limit-remaining': String(Math.max(0, NIH_GATEWAY_LIMIT.requests - window.count)),
      'x-rate-limit-reset': new Date(window.start + NIH_GATEWAY_LIMIT.intervalMs).toISOString(),
    };
  };
}

export const nihResponses: Partial<SimulatorResponses> = {
  // ASP.NET Core answers unknown routes and wrong methods with an empty body.
  notFound: () => empty(404),
  methodNotAllowed: (_req, allowed) => empty(405, { allow: allowed.join(', ') }),
  invalidJson: (req) =>
    problem(req, {
      $: ['The JSON value could not be converted. Path: $ | LineNumber: 0 | BytePositionInLine: 0.'],
    }),
  throttled: (info: ThrottleInfo) =>
    text(
      429,
      `API calls quota exceeded! maximum admitted ${info.config.requests} per ${periodText(info.config.intervalMs)}.`,
      'text/plain',
    ),
  http500: (req) =>
    json(
      500,
      {
        type: 'https://tools.ietf.org/html/rfc7231#section-6.6.1',
        title: 'An error occurred while processing your request.',
        status: 500,
        traceId: traceId(req),
      },
      { 'content-type': 'application/problem+json; charset=utf-8' },
    ),
  // An IIS-style page: what a .NET host shows when the app itself fails (inferred, not recorded).
  html500: () =>
    html(
      500,
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n<title>500 - Internal server error.</title>\r\n</head>\r\n<body>\r\n<div id="header"><h1>Server Error</h1></div>\r\n<div id="content">\r\n <fieldset><h2>500 - Internal server error.</h2>\r\n  <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>\r\n </fieldset></div>\r\n</body>\r\n</html>\r\n',
    ),
};

/** Schema drift: `appl_id` becomes `application_id` in every result, in place. */
export function nihSchemaChange(body: unknown): unknown {
  return mapListItems(body, 'results', (r) => renameKey(r, 'appl_id', 'application_id'));
}
