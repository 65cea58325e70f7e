import { hashSeed, Rng } from '../../sim/random.js';
import { json } from '../../sim/responses.js';
import type { SimRequest, SimResponse } from '../../sim/types.js';
import type { SamErrorBody, SamThrottleBody } from './types.js';

/** The API's own words, from the official "HTTP Response Codes" section (v3 messages). */
export const DATES_MESSAGE = 'Dates must be specified in the MM/DD/YYYY format.';
export const DATES_DETAIL = 'Any Date parameter must be provided in the MM/DD/YYYY format.';
export const TOO_MANY_UEIS_MESSAGE = 'More than 100 UEI SAM are not allowed.';
export const TOO_MANY_UEIS_DETAIL = 'Please limit the number of UEI SAM to 100.';
export const TOO_MANY_CAGES_MESSAGE = 'More than 100 CAGE Codes are not allowed.';
export const TOO_MANY_CAGES_DETAIL = 'Please limit the number of CAGE Codes to 100.';
export const RESULTS_TOO_LARGE_MESSAGE = 'Results Too Large';
export const RESULTS_TOO_LARGE_DETAIL =
  'The Page and Size search has exceeded 10,000 records (Page multiplied by Size). Please change the Page and Size accordingly.';
export const SIZE_DETAIL = 'Size Cannot Exceed 10 Records';
export const UNKNOWN_PARAMETER_DETAIL =
  'Please refer to https://open.gsa.gov/api/entity-api/ for a list of allowable search parameters.';
export const MISSING_KEY_MESSAGE =
  'No api_key was supplied in request body. Please submit with a valid API key.';
export const INVALID_KEY_MESSAGE = 'An invalid API key was supplied. Please submit with a valid API key.';

export const sizeMessage = (size: string) => `size is ${size}`;
export const unknownParameterMessage = (name: string) => `The search parameter, ${name} does not exist.`;

/** The gateway's throttling code for a spent subscription quota (WSO2 API Manager, which fronts api.sam.gov). */
export const QUOTA_CODE = '900804';
export const THROTTLED_MESSAGE = 'Message throttled out';

export interface ApiError {
  status: number;
  message: string;
  detail: string;
}

const ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  500: 'INTERNAL_SERVER_ERROR',
};

function transactionId(req: SimRequest): string {
  const rng = new Rng(hashSeed('transaction', req.receivedAt, req.path, req.query.toString()));
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}

/** A v3 error answer. The field list is documented; `errorCode` values are inferred. */
export function apiError(req: SimRequest, error: ApiError): SimResponse {
  const body: SamErrorBody = {
    status: error.status,
    timestamp: new Date(req.receivedAt).toISOString(),
    message: error.message,
    detail: error.detail,
    errorCode: ERROR_CODES[error.status] ?? String(error.status),
    transaction_id: transactionId(req),
  };
  return json(error.status, body);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-Jul-01 00:00:00+0000 UTC`, the gateway's way of naming when a key may call again. */
export function gatewayTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+0000 UTC`;
}

export function throttleBody(until: number): SamThrottleBody {
  return {
    code: QUOTA_CODE,
    message: THROTTLED_MESSAGE,
    description: `You have exceeded your quota. You can access API after ${gatewayTime(until)}`,
  };
}
