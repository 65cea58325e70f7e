import type { ErrorCode } from '../errors.js';

export type HttpMethod = 'GET' | 'POST';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL without the query string, e.g. `https://api.reporter.nih.gov/v2/projects/search`. */
  url: string;
  /** Query parameters; undefined values are left out. Arrays repeat the parameter. */
  query?: Record<string, string | number | boolean | readonly (string | number | boolean)[] | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Overrides the quota's timeout for this request. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body as text (bodies are small enough: one page). */
  text: string;
  /** The request URL with every secret replaced by `***`. */
  url: string;
  /** Attempts this request took, the successful one included. */
  attempts: number;
}

/**
 * What a source says about a response the engine is about to treat as an error, so the
 * engine can map it to the right code and message. Returning undefined keeps the defaults:
 * 401/403 AUTH_FAILED, 429 RATE_LIMITED (retried, honouring Retry-After), 400/422
 * REQUEST_REJECTED (not retried), 5xx and HTML bodies UPSTREAM_UNAVAILABLE (retried).
 */
export interface ResponseVerdict {
  code?: ErrorCode;
  /** The API's own words, e.g. "Size Cannot Exceed 10 Records". */
  message?: string;
  retryable?: boolean;
  /** Wait this long before the next request of this source (all partitions). */
  retryAfterMs?: number;
  /** For QUOTA_EXHAUSTED: the instant the API's quota resets; the source stops until then. */
  resetAt?: Date;
}

export type ClassifyResponse = (response: HttpResponse) => ResponseVerdict | undefined;

/** Counts of one source's HTTP activity, for run metadata. */
export interface HttpStats {
  /** Every attempt sent, retries included. */
  calls: number;
  retries: number;
  /** Responses with status 429. */
  throttled: number;
}

/**
 * The HTTP client a source's `fetchSlice` receives. It goes through the source's limiter,
 * retries with back-off and jitter, honours Retry-After on 429/503, counts every attempt
 * against the quota and redacts secrets from every message.
 * `request` resolves only with 2xx responses (and 404 when `allowNotFound`); anything
 * else rejects with a FreshetError.
 */
export interface Http {
  request(request: HttpRequest & { allowNotFound?: boolean }): Promise<HttpResponse>;
  /**
   * Like `request`, for JSON APIs: a 2xx body that is empty, truncated, HTML or otherwise not
   * JSON counts as a failed attempt (BAD_RESPONSE) and is retried like a 5xx. `body` is the
   * parsed JSON (null for an allowed 404); validate it with `parseResponse`.
   */
  json(
    request: HttpRequest & { allowNotFound?: boolean },
  ): Promise<{ response: HttpResponse; body: unknown }>;
  stats(): HttpStats;
}
