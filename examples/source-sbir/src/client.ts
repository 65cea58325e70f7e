import {
  ErrorCodes,
  type Http,
  type HttpRequest,
  type HttpResponse,
  parseResponse,
  type ResponseVerdict,
} from '@freshet/core';
import { z } from 'zod';
import type { SbirAward } from './types.js';

export const SBIR_API_URL = 'https://api.www.sbir.gov';
export const AWARDS_PATH = '/public/api/awards';
/** The largest `rows` the API takes (documented at the time of writing). */
export const MAX_ROWS = 5000;
/** The agency codes the API's `agency` parameter takes. */
export const SBIR_AGENCIES = ['DOD', 'HHS', 'NASA', 'NSF', 'DOE', 'USDA', 'EPA', 'DOC', 'ED', 'DOT', 'DHS'];

const ENDPOINT = `GET ${AWARDS_PATH}`;

/** One page of one agency's awards in one award year. */
export interface AwardsPage {
  agency: string;
  year: number;
  rows: number;
  start: number;
}

/** `GET /public/api/awards?agency=NSF&year=2024&rows=1000&start=0`: the only request this source makes. */
export function awardsRequest(baseUrl: string, page: AwardsPage): HttpRequest {
  return {
    method: 'GET',
    url: `${baseUrl}${AWARDS_PATH}`,
    query: { agency: page.agency, year: page.year, rows: page.rows, start: page.start },
  };
}

// Strict on what the source relies on: the three fields of the record key. Permissive on the
// rest: reports disagree on types (award_amount a string or a number), many fields are null,
// and `looseObject` keeps fields this schema does not name, so records are stored whole.
export const awardSchema = z.looseObject({
  agency: z.string().min(1),
  agency_tracking_number: z.string(),
  contract: z.string(),
  firm: z.string().nullish(),
  award_title: z.string().nullish(),
  phase: z.string().nullish(),
  program: z.string().nullish(),
  award_year: z.union([z.number(), z.string()]).nullish(),
  award_amount: z.union([z.number(), z.string()]).nullish(),
  uei: z.string().nullish(),
  award_link: z.union([z.number(), z.string()]).nullish(),
}) satisfies z.ZodType<SbirAward>;

/** The API answers a bare JSON array: no total, no paging envelope. */
export const awardsPageSchema = z.array(awardSchema);

/** Fetches one page of awards. */
export async function fetchAwardsPage(
  http: Http,
  baseUrl: string,
  page: AwardsPage,
  signal: AbortSignal,
): Promise<SbirAward[]> {
  // `http.json` retries empty, truncated and non-JSON bodies; what comes back is parsed JSON.
  const { body } = await http.json({ ...awardsRequest(baseUrl, page), signal });
  return parseAwards(body);
}

/** Validates a page: a body of another shape is SCHEMA_DRIFT naming the field. */
export function parseAwards(body: unknown): SbirAward[] {
  return parseResponse(awardsPageSchema, body, { source: 'sbir', endpoint: ENDPOINT });
}

/**
 * Core's defaults already map this API's answers: 400 REQUEST_REJECTED with the API's
 * `message`, 429 RATE_LIMITED honouring Retry-After, 5xx and HTML pages retried. Only 403
 * needs a word: SBIR.gov takes no key, so a 403 is not about credentials but comes from the
 * gateway in front of the API, which answers 403 for a path it does not route.
 */
export function classifySbirResponse(response: HttpResponse): ResponseVerdict | undefined {
  if (response.status !== 403) return undefined;
  return {
    code: ErrorCodes.REQUEST_REJECTED,
    message: `${apiMessage(response.text) ?? 'Forbidden'}; SBIR.gov needs no key, so check baseUrl (the API root, like ${SBIR_API_URL}) or whether the gateway blocks this client`,
    retryable: false,
  };
}

/** `{"message": "…"}`, the shape of the API's error bodies. */
function apiMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' && body.message.trim() !== '' ? body.message : undefined;
  } catch {
    return undefined;
  }
}
