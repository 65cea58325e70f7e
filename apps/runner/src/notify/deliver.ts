import {
  type DeliveryVerdict,
  deliveryVerdict,
  type NotifyTarget,
  parseRetryAfter,
  redactedUrl,
  signatureHeaders,
} from '@freshet/core';

export interface DeliveryAttempt {
  verdict: DeliveryVerdict;
  /** The receiver's status; null when it never answered (refused, reset, timed out). */
  status: number | null;
  /** What went wrong, for the outbox and the UI: never the secret, the URL only redacted. */
  error: string | null;
  /** The receiver's `Retry-After`, when it sent one. */
  retryAfterMs?: number;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

// Enough of a receiver's error page to tell what it said, not enough to fill the store.
const MAX_ERROR_BODY = 200;

/**
 * Posts one signed message. A fresh timestamp and signature per attempt, so a retry an hour
 * later is inside the receiver's replay window. Redirects are not followed: the signed body
 * goes only to the configured URL.
 */
export async function deliverOnce(
  target: NotifyTarget,
  body: string,
  options: { now: Date; fetch?: FetchLike; stopSignal?: AbortSignal },
): Promise<DeliveryAttempt> {
  const send = options.fetch ?? fetch;
  try {
    const response = await send(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'freshet-webhooks',
        ...signatureHeaders(target.secret, body, options.now),
      },
      body,
      redirect: 'manual',
      signal: options.stopSignal
        ? AbortSignal.any([AbortSignal.timeout(target.timeoutMs), options.stopSignal])
        : AbortSignal.timeout(target.timeoutMs),
    });
    const verdict = deliveryVerdict(response.status);
    const text = verdict === 'delivered' ? '' : await response.text().catch(() => '');
    await response.body?.cancel().catch(() => {});
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after') ?? undefined, options.now);
    return {
      verdict,
      status: response.status,
      error: verdict === 'delivered' ? null : `HTTP ${response.status}${snippet(text)}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  } catch (err) {
    const reason = options.stopSignal?.aborted
      ? 'cut short: the process stopped before the receiver answered'
      : err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
        ? `no answer within ${target.timeoutMs} ms`
        : networkReason(err);
    return { verdict: 'retry', status: null, error: `${reason} (POST ${redactedUrl(target.url)})` };
  }
}

function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return '';
  return `: ${line.length > MAX_ERROR_BODY ? `${line.slice(0, MAX_ERROR_BODY)}…` : line}`;
}

// fetch says "fetch failed" and hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, …).
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return `could not reach the receiver (${cause.code})`;
  return 'could not reach the receiver';
}
