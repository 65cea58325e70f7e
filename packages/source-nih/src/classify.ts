import { ErrorCodes, type HttpResponse, type ResponseVerdict } from '@freshet/core';

const NARROW_HINT =
  'narrow the cohort: fewer activity codes (option activityCodes) or an agencies / fiscalYears filter';

/**
 * RePORTER answers a refused search (400) with a bare JSON array of messages, e.g.
 * `["System doesn't support offset value greater than 14,999. Please narrow down your search
 * criteria."]`, and an unreadable body with ASP.NET's validation problem. Both become
 * REQUEST_REJECTED with the API's words; the offset wall becomes COHORT_TOO_LARGE. Everything
 * else keeps core's defaults (429 RATE_LIMITED with Retry-After, 5xx and HTML retried).
 */
export function classifyNihResponse(response: HttpResponse): ResponseVerdict | undefined {
  if (response.status !== 400 && response.status !== 422) return undefined;
  const messages = errorMessages(response.text);
  if (messages.length === 0) return undefined;
  const message = messages.join('; ');
  if (messages.some((m) => /offset value greater than/i.test(m))) {
    return { code: ErrorCodes.COHORT_TOO_LARGE, message: `${message} (${NARROW_HINT})`, retryable: false };
  }
  return { code: ErrorCodes.REQUEST_REJECTED, message, retryable: false };
}

/** The API's messages in an error body: a JSON array of strings, or a validation problem. */
export function errorMessages(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  if (Array.isArray(body)) {
    return body.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  }
  if (typeof body !== 'object' || body === null) return [];
  const problem = body as { title?: unknown; errors?: unknown };
  const out: string[] = [];
  if (typeof problem.errors === 'object' && problem.errors !== null) {
    for (const [field, list] of Object.entries(problem.errors)) {
      const items = Array.isArray(list) ? list : [list];
      for (const item of items) {
        if (typeof item === 'string' && item.trim() !== '') out.push(field ? `${field}: ${item}` : item);
      }
    }
  }
  if (out.length === 0 && typeof problem.title === 'string' && problem.title.trim() !== '') {
    out.push(problem.title);
  }
  return out;
}
