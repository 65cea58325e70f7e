import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'freshet-signature';
export const TIMESTAMP_HEADER = 'freshet-timestamp';
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const SCHEME = 'v1';

/**
 * The signature of one delivery: HMAC-SHA256, keyed with the target's secret, of
 * `<timestamp>.<body>` (timestamp in whole Unix seconds). Binding the timestamp into the MAC
 * lets a receiver refuse a replayed message without trusting an unsigned header.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `${SCHEME}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers a delivery carries: `Freshet-Timestamp` and `Freshet-Signature: v1=<hex>`. */
export function signatureHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'Freshet-Timestamp': String(timestamp),
    'Freshet-Signature': webhookSignature(secret, timestamp, body),
  };
}

export interface VerifyWebhookOptions {
  secret: string;
  /** The raw request body, exactly as received (before any JSON parsing). */
  body: string;
  /** The `Freshet-Timestamp` header. */
  timestamp: string | null | undefined;
  /** The `Freshet-Signature` header; several `v1=` values may be given, comma-separated. */
  signature: string | null | undefined;
  /** Messages older or newer than this are refused as replays; 300 by default. */
  toleranceSeconds?: number;
  now?: Date;
}

export type VerifyWebhookResult =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'outside_tolerance' | 'bad_signature' };

/**
 * Checks a Freshet webhook: the signature matches the body and the timestamp is within the
 * tolerance of `now`. Compares in constant time. For receivers, written in any language the same
 * way: recompute HMAC-SHA256(secret, `${timestamp}.${body}`) and compare with the `v1=` value.
 */
export function verifyWebhookSignature(options: VerifyWebhookOptions): VerifyWebhookResult {
  const { timestamp, signature } = options;
  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d+$/.test(timestamp.trim())) return { ok: false, reason: 'bad_timestamp' };
  const seconds = Number(timestamp.trim());
  const now = (options.now ?? new Date()).getTime() / 1000;
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(now - seconds) > tolerance) return { ok: false, reason: 'outside_tolerance' };
  const expected = Buffer.from(webhookSignature(options.secret, seconds, options.body));
  const matches = signature
    .split(',')
    .map((part) => Buffer.from(part.trim()))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
  return matches ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
