import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodes, type FreshetError, isFreshetError } from '../errors.js';
import { closeHarnesses, type Harness, harness } from './test-harness.js';
import { type Handler, sendJson, sendText } from './test-server.js';

afterEach(closeHarnesses);

async function failure(promise: Promise<unknown>): Promise<FreshetError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isFreshetError(err)) throw new Error(`expected a FreshetError, got ${String(err)}`);
  return err;
}

/** A handler that answers `{}` after `ms`. */
function answerAfter(ms: number): Handler {
  return async (_hit, res) => {
    await delay(ms);
    sendJson(res, 200, {});
  };
}

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>oops</body></html>';

describe('createHttpClient: requests and responses', () => {
  it('sends the query, headers and JSON body, and returns lower-cased headers and the text', async () => {
    const h = await harness((hit, res) =>
      sendJson(res, 200, { ok: true, echo: hit.body }, { 'X-Rate-Limit-Remaining': '7' }),
    );
    const response = await h.http.request({
      method: 'POST',
      url: `${h.server.origin}/v2/projects/search`,
      query: { limit: 50, exact: true, skip: undefined, code: ['R43', 'R44'] },
      headers: { 'X-Trace': 'abc' },
      json: { criteria: { fiscal_years: [2024] } },
    });

    expect(response.status).toBe(200);
    expect(response.attempts).toBe(1);
    expect(response.headers['x-rate-limit-remaining']).toBe('7');
    expect(JSON.parse(response.text)).toEqual({ ok: true, echo: '{"criteria":{"fiscal_years":[2024]}}' });
    expect(response.url).toBe(`${h.server.origin}/v2/projects/search?limit=50&exact=true&code=R43&code=R44`);
    const hit = h.server.hits[0];
    expect(hit?.method).toBe('POST');
    expect(hit?.headers['x-trace']).toBe('abc');
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(hit?.headers['user-agent']).toMatch(/freshet/);
    expect(h.http.stats()).toEqual({ calls: 1, retries: 0, throttled: 0 });
  });

  it('resolves a 404 when the caller allows it, and rejects it with REQUEST_REJECTED otherwise', async () => {
    const h = await harness((_hit, res) => sendJson(res, 404, { detail: 'No award found' }));
    const allowed = await h.http.request({
      method: 'GET',
      url: `${h.server.origin}/awards/X`,
      allowNotFound: true,
    });
    expect(allowed.status).toBe(404);

    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/awards/X` }));
    expect(err.code).toBe(ErrorCodes.REQUEST_REJECTED);
    expect(err.message).toContain('found nothing (status 404): No award found');
    expect(h.server.hits).toHaveLength(2);
  });
});

describe('createHttpClient: retries', () => {
  it('retries 503s and succeeds, counting every attempt', async () => {
    const h = await harness((hit, res) =>
      hit.index < 2 ? sendText(res, 503, 'busy') : sendJson(res, 200, { page: 1 }),
    );
    const response = await h.http.request({ method: 'GET', url: `${h.server.origin}/x` });
    expect(response.attempts).toBe(3);
    expect(h.server.hits).toHaveLength(3);
    expect(h.http.stats()).toEqual({ calls: 3, retries: 2, throttled: 0 });
  });

  it('gives up on an HTML 500 page with UPSTREAM_UNAVAILABLE and no HTML in the message', async () => {
    const h = await harness((_hit, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(HTML_PAGE);
    });
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/api/v1/patent/` }));
    expect(err.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
    expect(err.message).toBe(
      `[freshet] [test] GET ${h.server.origin}/api/v1/patent/ returned an HTML error page (status 500); gave up after 3 attempts`,
    );
    expect(err.retryable).toBe(true);
    expect(err.status).toBe(500);
    expect(h.server.hits).toHaveLength(3);
  });

  it.each([502, 504])('retries %i', async (status) => {
    const h = await harness((hit, res) =>
      hit.index === 0 ? sendText(res, status, '') : sendJson(res, 200, {}),
    );
    expect((await h.http.request({ method: 'GET', url: `${h.server.origin}/x` })).attempts).toBe(2);
  });

  it('retries connection resets and reports UPSTREAM_UNAVAILABLE when they go on', async () => {
    const h = await harness((hit, res, req) =>
      hit.index < 2 ? req.socket.destroy() : sendJson(res, 200, {}),
    );
    const ok = await h.http.request({ method: 'GET', url: `${h.server.origin}/x` });
    expect(ok.attempts).toBe(3);

    const always = await harness((_hit, _res, req) => req.socket.destroy(), {
      quota: { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 } },
    });
    const err = await failure(always.http.request({ method: 'GET', url: `${always.server.origin}/x` }));
    expect(err.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
    expect(err.message).toMatch(/failed: .+; gave up after 2 attempts/);
    expect(err.cause).toBeInstanceOf(Error);
    expect(always.server.hits).toHaveLength(2);
  });

  it('times out each attempt and gives up with TIMEOUT', async () => {
    const h = await harness(answerAfter(400), {
      quota: { timeoutMs: 80, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 } },
    });
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/slow` }));
    expect(err.code).toBe(ErrorCodes.TIMEOUT);
    expect(err.message).toContain('timed out (limit 80 ms per attempt); gave up after 2 attempts');
    expect(err.retryable).toBe(true);
    expect(h.server.hits).toHaveLength(2);
  });

  it("uses the request's own timeout over the quota's", async () => {
    const h = await harness(answerAfter(400), {
      quota: { timeoutMs: 5000, retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 50 } },
    });
    const err = await failure(
      h.http.request({ method: 'GET', url: `${h.server.origin}/slow`, timeoutMs: 60 }),
    );
    expect(err.code).toBe(ErrorCodes.TIMEOUT);
  });

  it('gives up on 429s with RATE_LIMITED and counts them as throttled', async () => {
    const h = await harness((_hit, res) => sendJson(res, 429, { message: 'Too Many Requests' }), {
      quota: { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 } },
    });
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/x` }));
    expect(err.code).toBe(ErrorCodes.RATE_LIMITED);
    expect(err.message).toContain(
      'was rate limited (status 429): Too Many Requests; gave up after 2 attempts',
    );
    expect(h.http.stats()).toEqual({ calls: 2, retries: 1, throttled: 2 });
    // A 429 without Retry-After still backs off the whole source.
    expect(h.pauses).toHaveLength(1);
  });
});

describe('createHttpClient: Retry-After', () => {
  it('does not retry a 429 before its Retry-After, and holds other requests of the source too', async () => {
    const h = await harness((hit, res) =>
      hit.index === 0 ? sendText(res, 429, 'slow down', { 'Retry-After': '1' }) : sendJson(res, 200, {}),
    );
    const first = h.http.request({ method: 'GET', url: `${h.server.origin}/a` });
    await delay(100);
    const other = h.http.request({ method: 'GET', url: `${h.server.origin}/b` });
    await Promise.all([first, other]);

    const [throttled, ...later] = h.server.hits;
    expect(later).toHaveLength(2);
    for (const hit of later) expect(hit.at - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(h.pauses).toHaveLength(1);
    expect(h.http.stats().throttled).toBe(1);
  });

  it('honours Retry-After on 503 too', async () => {
    const h = await harness((hit, res) =>
      hit.index === 0 ? sendText(res, 503, 'maintenance', { 'Retry-After': '1' }) : sendJson(res, 200, {}),
    );
    await h.http.request({ method: 'GET', url: `${h.server.origin}/a` });
    const [first, second] = h.server.hits;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('gives up at once with RATE_LIMITED and retryAt when Retry-After exceeds maxDelayMs, pausing the source', async () => {
    const h = await harness((_hit, res) => sendText(res, 429, '', { 'Retry-After': '3600' }), {
      quota: { retry: { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 1000 } },
    });
    const before = Date.now();
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/x` }));
    expect(err.code).toBe(ErrorCodes.RATE_LIMITED);
    expect(err.retryable).toBe(true);
    expect(err.retryAt?.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(err.message).toContain('the API asks to wait until');
    expect(h.server.hits).toHaveLength(1);
    expect(h.pauses[0]).toEqual(err.retryAt);
  });
});

describe('createHttpClient: error codes and messages', () => {
  it.each([401, 403])('maps %i to AUTH_FAILED without retrying', async (status) => {
    const h = await harness((_hit, res) => sendJson(res, status, { message: 'API key is invalid' }));
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/x` }));
    expect(err.code).toBe(ErrorCodes.AUTH_FAILED);
    expect(err.message).toContain(`was refused (status ${status}); check the API key: API key is invalid`);
    expect(err.retryable).toBe(false);
    expect(h.server.hits).toHaveLength(1);
  });

  it.each([
    [
      'a JSON detail (USAspending 422)',
      422,
      '{"detail":"Field \'award_type_codes\' is required"}',
      {},
      "Field 'award_type_codes' is required",
    ],
    [
      'a JSON array of strings (NIH)',
      400,
      '["System doesn\'t support offset value greater than 14,999.","Please narrow down your search criteria."]',
      {},
      "System doesn't support offset value greater than 14,999.; Please narrow down your search criteria.",
    ],
    [
      'a JSON message (SAM.gov)',
      400,
      '{"status":400,"message":"Size Cannot Exceed 10 Records"}',
      {},
      'Size Cannot Exceed 10 Records',
    ],
    [
      'the X-Status-Reason header (PatentsView)',
      400,
      '',
      { 'X-Status-Reason': 'Invalid field: patent_foo' },
      'Invalid field: patent_foo',
    ],
    [
      'plain text',
      400,
      '  Dates must be specified\n in the MM/DD/YYYY format.  ',
      {},
      'Dates must be specified in the MM/DD/YYYY format.',
    ],
  ])(
    'maps a 4xx with %s to REQUEST_REJECTED with the API message, without retrying',
    async (_name, status, body, headers, expected) => {
      const h = await harness((_hit, res) => sendText(res, status, body, headers));
      const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/x` }));
      expect(err.code).toBe(ErrorCodes.REQUEST_REJECTED);
      expect(err.message).toContain(`was rejected (status ${status}): ${expected}`);
      expect(err.details?.apiMessage).toBe(expected);
      expect(h.server.hits).toHaveLength(1);
    },
  );

  it('caps a long plain-text message', async () => {
    const h = await harness((_hit, res) => sendText(res, 400, 'x'.repeat(5000)));
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/x` }));
    expect(err.message.length).toBeLessThan(500);
    expect(err.message).toMatch(/x…$/);
  });

  it("lets the source's classifyResponse choose the code, message and retryability", async () => {
    const h = await harness((_hit, res) => sendJson(res, 400, { message: 'Results Too Large' }), {
      classifyResponse: (response) =>
        response.text.includes('Results Too Large')
          ? {
              code: ErrorCodes.COHORT_TOO_LARGE,
              message: 'more than 10,000 results; use smaller UEI batches',
            }
          : undefined,
    });
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/x` }));
    expect(err.code).toBe(ErrorCodes.COHORT_TOO_LARGE);
    expect(err.message).toContain('more than 10,000 results; use smaller UEI batches');
    expect(h.server.hits).toHaveLength(1);
  });

  it('stops at once on an API-side QUOTA_EXHAUSTED with resetAt, pausing the source until then', async () => {
    const resetAt = new Date(Date.now() + 6 * 3_600_000);
    const h = await harness(
      (_hit, res) =>
        sendJson(res, 429, {
          code: '900804',
          message: 'Message throttled out',
          description: 'You have exceeded your quota.',
        }),
      {
        classifyResponse: (response) =>
          response.text.includes('exceeded your quota')
            ? { code: ErrorCodes.QUOTA_EXHAUSTED, message: 'the API key has spent its daily quota', resetAt }
            : undefined,
      },
    );
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/x` }));
    expect(err.code).toBe(ErrorCodes.QUOTA_EXHAUSTED);
    expect(err.retryAt).toEqual(resetAt);
    expect(err.message).toContain(
      `it resets at ${resetAt.toISOString()}: the API key has spent its daily quota`,
    );
    expect(h.pauses).toEqual([resetAt]);
    expect(h.server.hits).toHaveLength(1);
  });

  it('falls back to the defaults when classifyResponse throws', async () => {
    const h = await harness((_hit, res) => sendJson(res, 403, {}), {
      classifyResponse: () => {
        throw new Error('bug in the source');
      },
    });
    const err = await failure(h.http.request({ method: 'GET', url: `${h.server.origin}/x` }));
    expect(err.code).toBe(ErrorCodes.AUTH_FAILED);
  });
});

/** The error of a GET of /x that its caller aborts after `ms`. */
async function abortedAfter(h: Harness, ms: number): Promise<FreshetError> {
  const controller = new AbortController();
  const pending = h.http.request({ method: 'GET', url: `${h.server.origin}/x`, signal: controller.signal });
  await delay(ms);
  controller.abort();
  return failure(pending);
}

describe('createHttpClient: abort', () => {
  it('rejects with ABORTED when the caller aborts mid-request, and does not retry', async () => {
    const h = await harness(answerAfter(500));
    const err = await abortedAfter(h, 50);
    expect(err.code).toBe(ErrorCodes.ABORTED);
    await delay(50);
    expect(h.server.hits).toHaveLength(1);
  });

  it('rejects with ABORTED when the caller aborts during a back-off', async () => {
    const h = await harness((_hit, res) => sendText(res, 503, 'busy'), {
      quota: { retry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 1000 } },
      random: () => 1,
    });
    const err = await abortedAfter(h, 100);
    expect(err.code).toBe(ErrorCodes.ABORTED);
    expect(h.server.hits).toHaveLength(1);
  });
});
