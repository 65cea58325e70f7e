import { html, json, nginxErrorPage } from '../../sim/responses.js';
import { renameKey } from '../../sim/schema-drift.js';
import type { Route, SimRequest, SimResponse, SimulatorResponses } from '../../sim/types.js';
import type { SbirDataset } from './dataset.js';
import { findAwards, parseAwardsQuery } from './query.js';

export const SBIR_AWARDS_PATH = '/public/api/awards';

function listAwards(ds: SbirDataset, req: SimRequest): SimResponse {
  const parsed = parseAwardsQuery(req.query);
  if (!parsed.ok) return json(400, { message: parsed.message });
  const { query, rows, start } = parsed.value;
  // A bare JSON array: no total, no paging envelope. Copies, so a later `mutate` cannot reach them.
  const page = findAwards(ds, query)
    .slice(start, start + rows)
    .map((award) => ({ ...award }));
  return json(200, page);
}

export function sbirRoutes(ds: SbirDataset): Route[] {
  return [{ method: 'GET', path: SBIR_AWARDS_PATH, handler: (req) => listAwards(ds, req) }];
}

// A gateway in front of the API answers for paths and methods it does not route: 403 (reported
// for unknown paths by a third-party test), with a body assumed to be a JSON message.
const forbidden = () => json(403, { message: 'Forbidden' });

export const sbirResponses: Partial<SimulatorResponses> = {
  notFound: forbidden,
  methodNotAllowed: forbidden,
  throttled: () => json(429, { message: 'Too Many Requests' }),
  http500: () => json(500, { message: 'Internal server error' }),
  html500: () => html(500, nginxErrorPage(500, 'Internal Server Error')),
};

/** Schema drift: `agency_tracking_number` becomes `tracking_number` in every award. */
export function sbirSchemaChange(body: unknown): unknown {
  if (!Array.isArray(body)) return body;
  return body.map((award: Record<string, unknown>) =>
    renameKey(award, 'agency_tracking_number', 'tracking_number'),
  );
}
