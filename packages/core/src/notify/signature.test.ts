import { describe, expect, it } from 'vitest';
import { signatureHeaders, verifyWebhookSignature, webhookSignature } from './signature.js';

const secret = 'whsec_0123456789abcdef';
const body = '{"event":"run.finished","id":"ntf_1"}';
const now = new Date('2025-03-20T02:00:00Z');

describe('webhook signatures', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256 (a known vector)', () => {
    // openssl: printf '1742436000.{"event":"run.finished","id":"ntf_1"}' | openssl dgst -sha256 -hmac whsec_0123456789abcdef
    expect(webhookSignature(secret, 1742436000, body)).toBe(
      'v1=2b0da37a7231c24e50f0dfd9ecb68b28ba086696b8c35f600ad490a34a073b40',
    );
    const headers = signatureHeaders(secret, body, now);
    expect(headers['Freshet-Timestamp']).toBe('1742436000');
    expect(headers['Freshet-Signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('verifies its own signature, and refuses a changed body, a wrong secret or a replay', () => {
    const headers = signatureHeaders(secret, body, now);
    const check = (over: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({
        secret,
        body,
        timestamp: headers['Freshet-Timestamp'],
        signature: headers['Freshet-Signature'],
        now,
        ...over,
      });
    expect(check({})).toEqual({ ok: true });
    expect(check({ body: `${body} ` })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ secret: `${secret}x` })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ now: new Date(now.getTime() + 301_000) })).toEqual({
      ok: false,
      reason: 'outside_tolerance',
    });
    expect(check({ now: new Date(now.getTime() + 299_000) })).toEqual({ ok: true });
    expect(check({ signature: null })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(check({ timestamp: 'soon' })).toEqual({ ok: false, reason: 'bad_timestamp' });
    // A receiver rotating secrets may be sent several values; one match is enough.
    expect(check({ signature: `v1=${'0'.repeat(64)}, ${headers['Freshet-Signature']}` })).toEqual({
      ok: true,
    });
  });
});
