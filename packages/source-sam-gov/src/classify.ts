import {
  ErrorCodes,
  type HttpResponse,
  nextUtcMidnight,
  parseRetryAfter,
  type ResponseVerdict,
} from '@freshet/core';

/** The gateway's code for a spent subscription quota, in its 429 body (WSO2 API Manager). */
export const QUOTA_THROTTLE_CODE = '900804';

/** A throttle lifting sooner than this is a spike limit worth waiting out, not a spent daily quota. */
const QUOTA_MIN_WAIT_MS = 60_000;

const NARROW_HINT = 'use a smaller batchSize so one look-up stays within the first 10,000 results';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/**
 * SAM.gov's error answers mapped to core codes:
 * - 429 `{"code":"900804","message":"Message throttled out","description":"You have exceeded
 *   your quota. …"}` with a Retry-After reaching to midnight UTC: the key's daily quota is
 *   spent, QUOTA_EXHAUSTED until then (the source stops rather than retrying). A 429 that lifts
 *   within a minute stays RATE_LIMITED and is retried after its Retry-After.
 * - 400 (v3 body `message` + `detail`): REQUEST_REJECTED with the API's words; "Results Too
 *   Large" is COHORT_TOO_LARGE.
 * - 401/403: AUTH_FAILED with the API's message.
 * Everything else keeps core's defaults (5xx and HTML pages retried as UPSTREAM_UNAVAILABLE).
 */
export function classifySamGovResponse(
  response: HttpResponse,
  now: Date = new Date(),
): ResponseVerdict | undefined {
  const body = jsonObject(response.text);
  if (response.status === 429) return throttled(response, body, now);
  if (body === undefined) return undefined;
  const message = apiMessage(body);
  if (message === undefined) return undefined;
  if (response.status === 400 || response.status === 422) {
    if (/results too large/i.test(message)) {
      return { code: ErrorCodes.COHORT_TOO_LARGE, message: `${message} (${NARROW_HINT})`, retryable: false };
    }
    return { code: ErrorCodes.REQUEST_REJECTED, message, retryable: false };
  }
  if (response.status === 401 || response.status === 403) return { code: ErrorCodes.AUTH_FAILED, message };
  return undefined;
}

function throttled(
  response: HttpResponse,
  body: Record<string, unknown> | undefined,
  now: Date,
): ResponseVerdict {
  const description = typeof body?.description === 'string' ? body.description : undefined;
  const message = [body?.message, description]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(': ');
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now);
  // The gateway names the instant to the second; Retry-After is rounded up to whole seconds.
  const stated = gatewayInstant(description);
  const statedMs = stated && stated.getTime() > now.getTime() ? stated.getTime() - now.getTime() : undefined;
  const waitMs = retryAfterMs ?? statedMs;
  const quota = body?.code === QUOTA_THROTTLE_CODE || /exceeded your quota/i.test(description ?? '');
  if (quota && (waitMs === undefined || waitMs >= QUOTA_MIN_WAIT_MS)) {
    const resetAt =
      statedMs !== undefined
        ? (stated as Date)
        : retryAfterMs !== undefined
          ? new Date(now.getTime() + retryAfterMs)
          : nextUtcMidnight(now);
    return {
      code: ErrorCodes.QUOTA_EXHAUSTED,
      message: message || "the API key's daily quota is spent",
      resetAt,
      retryable: false,
    };
  }
  return {
    code: ErrorCodes.RATE_LIMITED,
    ...(message ? { message } : {}),
    ...(waitMs !== undefined ? { retryAfterMs: waitMs } : {}),
  };
}

/** `You can access API after 2025-Jul-02 00:00:00+0000 UTC` → that instant. */
export function gatewayInstant(description: string | undefined): Date | undefined {
  const m = /after (\d{4})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\+0000/.exec(description ?? '');
  if (!m) return undefined;
  const month = MONTHS[(m[2] as string).toLowerCase()];
  if (month === undefined) return undefined;
  return new Date(Date.UTC(Number(m[1]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** The v3 body's `message` and `detail` (`size is 11: Size Cannot Exceed 10 Records`). */
export function apiMessage(body: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  for (const field of ['message', 'title', 'detail', 'details', 'description'] as const) {
    const value = body[field];
    if (typeof value === 'string' && value.trim() !== '' && !parts.includes(value.trim()))
      parts.push(value.trim());
  }
  if (parts.length === 0) return undefined;
  // `size is 11: Size Cannot Exceed 10 Records`, but no colon after a full stop.
  return parts.reduce((text, part) => `${text}${/[.!?]$/.test(text) ? ' ' : ': '}${part}`);
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
