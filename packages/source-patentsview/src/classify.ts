import { ErrorCodes, type HttpResponse, type ResponseVerdict } from '@freshet/core';

/**
 * The API's own words for an error: the `X-Status-Reason` header with its
 * `X-Status-Reason-Code` (`ERR_Q` for a request it refuses, `ERR_ES` for its search backend);
 * the body is only `{"error": true}`. Everything else keeps core's defaults: 403 AUTH_FAILED,
 * 429 RATE_LIMITED with Retry-After, HTML 5xx pages UPSTREAM_UNAVAILABLE.
 */
export function classifyPatentsViewResponse(response: HttpResponse): ResponseVerdict | undefined {
  const reason = response.headers['x-status-reason']?.trim();
  const code = response.headers['x-status-reason-code']?.trim();
  const message = reason ? (code ? `${reason} (${code})` : reason) : undefined;
  if (response.status === 400) {
    // A request the API refuses fails the same way every time: not retried.
    return { code: ErrorCodes.REQUEST_REJECTED, retryable: false, ...(message ? { message } : {}) };
  }
  return message ? { message } : undefined;
}
