import { type ErrorCode, ErrorCodes } from '../errors.js';
import { extractApiMessage, isHtmlBody } from './api-message.js';
import { parseRetryAfter } from './backoff.js';
import type { ClassifyResponse, HttpResponse } from './types.js';

/** Why one attempt did not succeed, before it becomes a FreshetError. */
export interface Failure {
  code: ErrorCode;
  retryable: boolean;
  /** What happened, to follow the method and URL: `was rejected (status 400): …`. */
  summary: string;
  status?: number;
  apiMessage?: string;
  /** Wait this long before any request of the source (Retry-After or the source's verdict). */
  retryAfterMs?: number;
  /** When the Retry-After ends, once the client has acted on it. */
  retryAt?: Date;
  /** When the API's own quota resets (QUOTA_EXHAUSTED from the source's verdict). */
  resetAt?: Date;
  cause?: unknown;
}

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const RETRY_AFTER_STATUSES = new Set([429, 503]);
const RETRYABLE_CODES = new Set<ErrorCode>([
  ErrorCodes.RATE_LIMITED,
  ErrorCodes.UPSTREAM_UNAVAILABLE,
  ErrorCodes.TIMEOUT,
]);

/**
 * The failure a response stands for, or undefined when it is a success: 2xx, and 404 when
 * the caller allows it. The source's `classifyResponse` may override the defaults.
 */
export function responseFailure(
  response: HttpResponse,
  options: { allowNotFound: boolean; classify: ClassifyResponse | undefined; now: Date },
): Failure | undefined {
  const { status, headers, text } = response;
  if (status >= 200 && status < 300) return undefined;
  if (status === 404 && options.allowNotFound) return undefined;

  const html = isHtmlBody(text, headers);
  const defaultCode = codeForStatus(status);
  const verdict = options.classify?.(response);
  const code = verdict?.code ?? defaultCode;
  const retryable =
    verdict?.retryable ??
    (code === defaultCode
      ? RETRYABLE_STATUSES.has(status) || (status >= 500 && html)
      : RETRYABLE_CODES.has(code));
  const retryAfterMs =
    verdict?.retryAfterMs ??
    (RETRY_AFTER_STATUSES.has(status) ? parseRetryAfter(headers['retry-after'], options.now) : undefined);
  const apiMessage = verdict?.message ?? extractApiMessage(text, headers);

  let summary = phrase(code, status, html);
  if (verdict?.resetAt) summary += `; it resets at ${verdict.resetAt.toISOString()}`;
  if (apiMessage) summary += `: ${apiMessage}`;

  return {
    code,
    retryable,
    summary,
    status,
    ...(apiMessage ? { apiMessage } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(verdict?.resetAt ? { resetAt: verdict.resetAt } : {}),
  };
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return ErrorCodes.AUTH_FAILED;
  if (status === 429) return ErrorCodes.RATE_LIMITED;
  if (status === 408) return ErrorCodes.TIMEOUT;
  if (status >= 400 && status < 500) return ErrorCodes.REQUEST_REJECTED;
  return ErrorCodes.UPSTREAM_UNAVAILABLE;
}

function phrase(code: ErrorCode, status: number, html: boolean): string {
  switch (code) {
    case ErrorCodes.AUTH_FAILED:
      return `was refused (status ${status}); check the API key`;
    case ErrorCodes.RATE_LIMITED:
      return `was rate limited (status ${status})`;
    case ErrorCodes.QUOTA_EXHAUSTED:
      return `says the API's quota is spent (status ${status})`;
    case ErrorCodes.REQUEST_REJECTED:
      return status === 404 ? 'found nothing (status 404)' : `was rejected (status ${status})`;
    case ErrorCodes.TIMEOUT:
      return `timed out (status ${status})`;
    default:
      if (html) return `returned an HTML error page (status ${status})`;
      if (status < 200 || (status >= 300 && status < 400)) return `answered with unexpected status ${status}`;
      return `failed (status ${status})`;
  }
}
