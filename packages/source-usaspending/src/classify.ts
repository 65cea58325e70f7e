import { ErrorCodes, type HttpResponse, type ResponseVerdict } from '@freshet/core';

const NARROW_HINT =
  'narrow the cohort (options keywords, agencies, programNumbers, recipientSearchText or fewer awardTypeGroups) or page with last_record_sort_value and last_record_unique_id';

/**
 * USAspending refuses a request with `{ "detail": … }`: 400 for a malformed value, 422 for a
 * value out of range. `detail` is usually a string, which core's defaults already read; for
 * mixed award type groups it is an object `{ message, award_type_groups }`, whose message is
 * kept here. The page-window refusal ("…over the maximum result limit 50000…") becomes
 * COHORT_TOO_LARGE. Everything else keeps core's defaults (5xx, HTML pages and empty replies
 * retried, 503 honouring Retry-After).
 */
export function classifyUsaspendingResponse(response: HttpResponse): ResponseVerdict | undefined {
  if (response.status !== 400 && response.status !== 422) return undefined;
  const detail = detailOf(response.text);
  if (detail === undefined) return undefined;
  if (typeof detail === 'string') {
    if (/maximum result limit/i.test(detail)) {
      return { code: ErrorCodes.COHORT_TOO_LARGE, message: `${detail} (${NARROW_HINT})`, retryable: false };
    }
    return { code: ErrorCodes.REQUEST_REJECTED, message: detail, retryable: false };
  }
  const message = typeof detail.message === 'string' ? detail.message : JSON.stringify(detail);
  const groups =
    typeof detail.award_type_groups === 'object' && detail.award_type_groups !== null
      ? ` (groups: ${Object.keys(detail.award_type_groups).join(', ')})`
      : '';
  return { code: ErrorCodes.REQUEST_REJECTED, message: `${message}${groups}`, retryable: false };
}

function detailOf(text: string): string | Record<string, unknown> | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === 'string' && detail.trim() !== '') return detail;
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail))
    return detail as Record<string, unknown>;
  return undefined;
}
