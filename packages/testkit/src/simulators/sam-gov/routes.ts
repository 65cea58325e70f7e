import { html, json, nginxErrorPage } from '../../sim/responses.js';
import type { Route, SimRequest, SimResponse, SimulatorResponses, ThrottleInfo } from '../../sim/types.js';
import { type SamDataset, splitHit } from './dataset.js';
import { apiError, INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE, throttleBody } from './messages.js';
import { type EntityFilter, MAX_RESULTS, parseQuery, search } from './query.js';
import { buildEntity, project } from './record.js';

/** The record of a search hit: one registration of one entity. */
export function buildHit(ds: SamDataset, hit: number, version: SamApiVersion = 'v3'): SamEntity {
  const [i, r] = splitHit(hit);
  return buildEntity(ds, i, version, r);
}

import { mapListItems, renameKey } from '../../sim/schema-drift.js';
import type { SamApiVersion, SamEntitiesResponse, SamEntity } from './types.js';

export const SAM_ENTITIES_PATH = '/entity-information/v3/entities';
export const SAM_ENTITIES_PATH_V4 = '/entity-information/v4/entities';

/**
 * The key as the API reads it: the `api_key` query parameter (the official OpenAPI file's
 * place for it), and the `X-Api-Key` header before it only when `acceptHeader` is set.
 */
export function apiKeyOf(
  req: { headers: SimRequest['headers']; query: URLSearchParams },
  acceptHeader = false,
): string | undefined {
  const header = acceptHeader ? req.headers['x-api-key'] : undefined;
  const value = (Array.isArray(header) ? header[0] : header) ?? req.query.get('api_key') ?? undefined;
  return value?.trim() ? value.trim() : undefined;
}

/** 403 before any quota is used: no key, or one the API does not know. */
export function keyGate(
  valid: ReadonlySet<string>,
  acceptHeader = false,
): (req: SimRequest) => SimResponse | undefined {
  return (req) => {
    const key = apiKeyOf(req, acceptHeader);
    if (key === undefined) return apiError(req, { status: 403, message: MISSING_KEY_MESSAGE, detail: '' });
    if (!valid.has(key)) return apiError(req, { status: 403, message: INVALID_KEY_MESSAGE, detail: '' });
    return undefined;
  };
}

/**
 * Self and next links as the API writes them: the request's parameters in order with the key
 * masked as `api_key=REPLACE_WITH_API_KEY` first, and `page` and `size` last.
 */
function link(req: SimRequest, page: number, size: number): string {
  const params = new URLSearchParams();
  params.append('api_key', 'REPLACE_WITH_API_KEY');
  for (const [name, value] of req.query) {
    if (name !== 'api_key' && name !== 'page' && name !== 'size') params.append(name, value);
  }
  params.append('page', String(page));
  params.append('size', String(size));
  const host = req.headers.host ?? '127.0.0.1';
  return `http://${host}${req.path}?${params.toString().replace(/%7E/gi, '~')}`;
}

/** Looks records up, remembering the last few searches: a client pages one query many times. */
export class EntitySearch {
  readonly #cache = new Map<string, number[]>();

  constructor(private readonly ds: SamDataset) {}

  find(filter: EntityFilter): number[] {
    const key = `${this.ds.version}|${JSON.stringify(filter, (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v))}`;
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const result = search(this.ds, filter, (hit) => {
      const reg = buildHit(this.ds, hit).entityRegistration;
      return { cage: reg.cageCode, name: reg.legalBusinessName };
    });
    this.#cache.set(key, result);
    if (this.#cache.size > 16) this.#cache.delete(this.#cache.keys().next().value as string);
    return result;
  }
}

function entities(
  ds: SamDataset,
  finder: EntitySearch,
  version: SamApiVersion,
  req: SimRequest,
): SimResponse {
  const parsed = parseQuery(req.query);
  if (!parsed.ok) return apiError(req, parsed.error);
  const { filter, sections, page, size } = parsed.value;
  const hits = finder.find(filter);
  // Nothing matched: the bare body, without links (as the real API answers).
  if (hits.length === 0) return json(200, { totalRecords: 0, entityData: [] });
  const reachable = Math.min(hits.length, MAX_RESULTS);
  const start = page * size;
  const end = Math.min(reachable, start + size);
  const entityData: Array<Partial<SamEntity>> = [];
  for (let k = start; k < end; k++)
    entityData.push(project(buildHit(ds, hits[k] as number, version), sections));
  const body: SamEntitiesResponse = {
    totalRecords: hits.length,
    entityData,
    links: {
      selfLink: link(req, page, size),
      ...(end < reachable ? { nextLink: link(req, page + 1, size) } : {}),
    },
  };
  return json(200, body);
}

export function samRoutes(ds: SamDataset, finder: EntitySearch): Route[] {
  return [
    { method: 'GET', path: SAM_ENTITIES_PATH, handler: (req) => entities(ds, finder, 'v3', req) },
    { method: 'GET', path: SAM_ENTITIES_PATH_V4, handler: (req) => entities(ds, finder, 'v4', req) },
  ];
}

export const samResponses: Partial<SimulatorResponses> = {
  notFound: (req) =>
    apiError(req, { status: 404, message: 'Not Found', detail: `No resource at ${req.path}` }),
  throttled: (info: ThrottleInfo, req: SimRequest) => {
    const { intervalMs, window } = info.config;
    // A fixed window (the daily quota) ends at its boundary: midnight UTC for one day.
    const until =
      window === 'fixed'
        ? (Math.floor(req.receivedAt / intervalMs) + 1) * intervalMs
        : req.receivedAt + info.retryAfterSeconds * 1000;
    return json(429, throttleBody(until));
  },
  http500: (req) =>
    apiError(req, {
      status: 500,
      message: 'Internal Server Error',
      detail: 'An unexpected error occurred. Please try again later.',
    }),
  // The gateway's own page when the service behind it fails.
  html500: () => html(500, nginxErrorPage(500, 'Internal Server Error')),
};

/** Schema drift: `entityRegistration.ueiSAM` becomes `ueiSam` in every record. */
export function samSchemaChange(body: unknown): unknown {
  return mapListItems(body, 'entityData', (item) => {
    const reg = item.entityRegistration as Record<string, unknown> | undefined;
    if (!reg) return item;
    return { ...item, entityRegistration: renameKey(reg, 'ueiSAM', 'ueiSam') };
  });
}
