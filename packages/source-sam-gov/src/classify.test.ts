import { ErrorCodes, type HttpResponse } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { classifySamGovResponse, gatewayInstant } from './classify.js';
import { fixtureText, RESPONSE_CODES_DOC } from './test-support.js';

const DOC = fixtureText(RESPONSE_CODES_DOC);
const NOW = new Date('2025-07-01T18:30:00Z');

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    text: typeof body === 'string' ? body : JSON.stringify(body),
    url: 'https://api.sam.gov/entity-information/v3/entities',
    attempts: 1,
  };
}

/** A v3 error body: "status, timestamp, message, detail, errorCode, transaction_id". */
const v3 = (status: number, message: string, detail: string) => ({
  status,
  timestamp: '2025-07-01T18:30:00.000Z',
  message,
  detail,
  errorCode: 'BAD_REQUEST',
  transaction_id: '1f2e3d4c-0000-0000-0000-000000000000',
});

describe('classifySamGovResponse', () => {
  it("rejects 400s with the API's own message and detail (as documented)", () => {
    const cases: Array<[string, string, string]> = [
      [
        'Dates must be specified in the MM/DD/YYYY format.',
        'Any Date parameter must be provided in the MM/DD/YYYY format.',
        'Dates must be specified in the MM/DD/YYYY format. Any Date parameter must be provided in the MM/DD/YYYY format.',
      ],
      ['size is 11', 'Size Cannot Exceed 10 Records', 'size is 11: Size Cannot Exceed 10 Records'],
      [
        'More than 100 UEI SAM are not allowed.',
        'Please limit the number of UEI SAM to 100.',
        'More than 100 UEI SAM are not allowed. Please limit the number of UEI SAM to 100.',
      ],
    ];
    for (const [message, detail, expected] of cases) {
      expect(DOC).toContain(detail);
      expect(classifySamGovResponse(response(400, v3(400, message, detail)), NOW)).toEqual({
        code: ErrorCodes.REQUEST_REJECTED,
        message: expected,
        retryable: false,
      });
    }
  });

  it('makes "Results Too Large" COHORT_TOO_LARGE, saying how to narrow', () => {
    const detail =
      'The Page and Size search has exceeded 10,000 records (Page multiplied by Size). Please change the Page and Size accordingly.';
    expect(DOC).toContain(detail);
    const verdict = classifySamGovResponse(response(400, v3(400, 'Results Too Large', detail)), NOW);
    expect(verdict?.code).toBe(ErrorCodes.COHORT_TOO_LARGE);
    expect(verdict?.message).toContain(`Results Too Large: ${detail}`);
    expect(verdict?.message).toContain('smaller batchSize');
  });

  it('refuses a missing or wrong key as AUTH_FAILED with the API message', () => {
    for (const message of [
      'No api_key was supplied in request body. Please submit with a valid API key.',
      'An invalid API key was supplied. Please submit with a valid API key.',
    ]) {
      expect(DOC).toContain(message);
      expect(classifySamGovResponse(response(403, v3(403, message, '')), NOW)).toEqual({
        code: ErrorCodes.AUTH_FAILED,
        message,
      });
    }
  });

  it('makes a spent daily quota QUOTA_EXHAUSTED until the Retry-After instant (midnight UTC)', () => {
    const body = {
      code: '900804',
      message: 'Message throttled out',
      description: 'You have exceeded your quota. You can access API after 2025-Jul-02 00:00:00+0000 UTC',
    };
    const verdict = classifySamGovResponse(response(429, body, { 'retry-after': String(5.5 * 3600) }), NOW);
    expect(verdict).toEqual({
      code: ErrorCodes.QUOTA_EXHAUSTED,
      message: `Message throttled out: ${body.description}`,
      resetAt: new Date('2025-07-02T00:00:00Z'),
      retryable: false,
    });
    // Without Retry-After, the instant in the description; without either, the next midnight UTC.
    expect(classifySamGovResponse(response(429, body), NOW)?.resetAt).toEqual(
      new Date('2025-07-02T00:00:00Z'),
    );
    const bare = { ...body, description: 'You have exceeded your quota.' };
    expect(classifySamGovResponse(response(429, bare), NOW)?.resetAt).toEqual(
      new Date('2025-07-02T00:00:00Z'),
    );
  });

  it('keeps a 429 that lifts within a minute RATE_LIMITED, to be retried after its Retry-After', () => {
    const body = {
      code: '900804',
      message: 'Message throttled out',
      description: 'You have exceeded your quota. You can access API after 2025-Jul-01 18:30:02+0000 UTC',
    };
    expect(classifySamGovResponse(response(429, body, { 'retry-after': '2' }), NOW)).toEqual({
      code: ErrorCodes.RATE_LIMITED,
      message: `Message throttled out: ${body.description}`,
      retryAfterMs: 2000,
    });
    expect(classifySamGovResponse(response(429, 'Too Many Requests', { 'retry-after': '1' }), NOW)).toEqual({
      code: ErrorCodes.RATE_LIMITED,
      retryAfterMs: 1000,
    });
  });

  it("leaves 5xx and HTML pages to core's defaults (retried as UPSTREAM_UNAVAILABLE)", () => {
    expect(
      classifySamGovResponse(
        response(500, '<html><body>500</body></html>', { 'content-type': 'text/html' }),
        NOW,
      ),
    ).toBeUndefined();
    expect(classifySamGovResponse(response(502, v3(502, 'Bad Gateway', '')), NOW)).toBeUndefined();
    expect(classifySamGovResponse(response(400, 'not json'), NOW)).toBeUndefined();
  });

  it('reads the gateway time format', () => {
    expect(gatewayInstant('You can access API after 2025-Dec-31 23:59:59+0000 UTC')).toEqual(
      new Date('2025-12-31T23:59:59Z'),
    );
    expect(gatewayInstant('no time here')).toBeUndefined();
  });
});
