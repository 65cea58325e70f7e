import { DJANGO_500_HTML, html, json } from '../../sim/responses.js';
import { mapListItems, renameKey } from '../../sim/schema-drift.js';
import type { Route, SimRequest, SimResponse, SimulatorResponses, ThrottleInfo } from '../../sim/types.js';
import type { PatentsViewDataset } from './dataset.js';
import { buildPatent } from './record.js';
import { parseRequest, QueryCrashed, QueryRejected, rawFromGet, rawFromPost } from './request.js';
import { type PatentSearch, project } from './search.js';
import type { PatentsViewResponse } from './types.js';

export const PATENTSVIEW_PATENT_PATH = '/api/v1/patent/';

/**
 * Django's stock error pages (its `ERROR_PAGE_TEMPLATE` starts with a newline). The 500 is the
 * recorded one byte for byte (145 bytes); the shared `DJANGO_500_HTML` lacks that first newline.
 */
export const PATENTSVIEW_500_HTML = `\n${DJANGO_500_HTML}`;
export const DJANGO_404_HTML =
  '\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';

/** Headers nginx and Django put on every answer (from the recorded interactions). */
export const PATENTSVIEW_DEFAULT_HEADERS: Record<string, string> = {
  server: 'nginx',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

/** What Django REST framework adds to the view's answers. */
const VIEW_HEADERS = { allow: 'GET, POST, HEAD, OPTIONS', vary: 'Accept, origin' };

/** The API's error shape: `{"error": true}` with the reason in two headers. */
export function statusReason(status: number, reason: string, code: string): SimResponse {
  return json(
    status,
    { error: true },
    { ...VIEW_HEADERS, 'x-status-reason': reason, 'x-status-reason-code': code },
  );
}

function searchPatents(
  ds: PatentsViewDataset,
  search: PatentSearch,
  oversized: 'clamp' | 'reject',
  req: SimRequest,
): SimResponse {
  try {
    const raw = req.method === 'POST' ? rawFromPost(req.body) : rawFromGet(req.query);
    const request = parseRequest(raw, oversized);
    const { total, indexes } = search.page(request);
    const patents = indexes.map((i) =>
      project(buildPatent(ds, i), request.fields, request.pad, ds.paddedIds[i]!),
    );
    const body: PatentsViewResponse = { error: false, count: patents.length, total_hits: total, patents };
    return json(200, body, VIEW_HEADERS);
  } catch (error) {
    if (error instanceof QueryRejected) return statusReason(error.status, error.reason, error.reasonCode);
    if (error instanceof QueryCrashed) return html(500, PATENTSVIEW_500_HTML);
    throw error;
  }
}

export function patentsViewRoutes(
  ds: PatentsViewDataset,
  search: PatentSearch,
  oversized: 'clamp' | 'reject',
): Route[] {
  return [
    {
      method: ['GET', 'POST'],
      path: PATENTSVIEW_PATENT_PATH,
      handler: (req) => searchPatents(ds, search, oversized, req),
    },
  ];
}

/**
 * Runs before the rate limiter, as Django routes and checks permissions before throttling:
 * a path without its slash is redirected (APPEND_SLASH), an unknown path is Django's 404,
 * and a missing or unknown `X-Api-Key` is 403 and uses no quota.
 */
export function patentsViewGate(apiKeys: ReadonlySet<string>): (req: SimRequest) => SimResponse | undefined {
  return (req) => {
    if (`${req.path}/` === PATENTSVIEW_PATENT_PATH) {
      const search = req.query.toString();
      return {
        status: 301,
        text: '',
        headers: { location: `${PATENTSVIEW_PATENT_PATH}${search ? `?${search}` : ''}` },
      };
    }
    if (req.path !== PATENTSVIEW_PATENT_PATH) return html(404, DJANGO_404_HTML);
    const header = req.headers['x-api-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !apiKeys.has(key)) {
      // DRF's NotAuthenticated: no authenticator accepted the request (inferred; status per the docs).
      return json(403, { detail: 'Authentication credentials were not provided.' }, VIEW_HEADERS);
    }
    return undefined;
  };
}

/** Django REST framework's throttle answer, with the `Retry-After` it computes. */
function throttled(info: ThrottleInfo): SimResponse {
  const wait = info.retryAfterSeconds;
  return json(
    429,
    { detail: `Request was throttled. Expected available in ${wait} second${wait === 1 ? '' : 's'}.` },
    { ...VIEW_HEADERS, 'retry-after': String(wait) },
  );
}

export const patentsViewResponses: Partial<SimulatorResponses> = {
  notFound: () => html(404, DJANGO_404_HTML),
  methodNotAllowed: (req, allowed) =>
    json(
      405,
      { detail: `Method "${req.method}" not allowed.` },
      { ...VIEW_HEADERS, allow: allowed.join(', ') },
    ),
  invalidJson: (_req, error) => statusReason(400, `JSON parse error - ${error.message}`, 'ERR_Q'),
  throttled,
  // An Elasticsearch failure the API catches; an uncaught one is Django's HTML page (html500).
  http500: () => statusReason(500, 'Internal Server Error', 'ERR_ES'),
  handlerError: () => html(500, PATENTSVIEW_500_HTML),
  html500: () => html(500, PATENTSVIEW_500_HTML),
};

/** Schema drift: `patent_id` comes back as `patent_number`, the name the retired API used. */
export function patentsViewSchemaChange(body: unknown): unknown {
  return mapListItems(body, 'patents', (p) => renameKey(p, 'patent_id', 'patent_number'));
}
