import {
  createHttpClient,
  createLimiter,
  ErrorCodes,
  type FreshetError,
  type HttpResponse,
  isFreshetError,
  type Limiter,
  type Quota,
  type Store,
} from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import {
  NIH_LIMIT_TOO_LARGE,
  NIH_OFFSET_TOO_LARGE,
  type NihSimulator,
  startNihSimulator,
} from '@freshet/testkit';
import { FAST_TEST_QUOTA } from '@freshet/testkit/conformance';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyNihResponse, errorMessages } from './classify.js';
import { searchBody, searchProjects } from './client.js';
import { resolveOptions } from './options.js';

const response = (status: number, text: string, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  text,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  url: 'https://api.reporter.nih.gov/v2/projects/search',
  attempts: 1,
});

describe('classifyNihResponse', () => {
  it('maps the API’s 400 array of messages to REQUEST_REJECTED with its words', () => {
    expect(classifyNihResponse(response(400, JSON.stringify([NIH_LIMIT_TOO_LARGE])))).toEqual({
      code: ErrorCodes.REQUEST_REJECTED,
      message: NIH_LIMIT_TOO_LARGE,
      retryable: false,
    });
    const two = classifyNihResponse(response(400, '["criteria.fiscal_years: bad", "limit: bad"]'));
    expect(two?.message).toBe('criteria.fiscal_years: bad; limit: bad');
  });

  it('maps the offset wall to COHORT_TOO_LARGE, saying how to narrow', () => {
    const verdict = classifyNihResponse(response(400, JSON.stringify([NIH_OFFSET_TOO_LARGE])));
    expect(verdict?.code).toBe(ErrorCodes.COHORT_TOO_LARGE);
    expect(verdict?.message).toContain(NIH_OFFSET_TOO_LARGE);
    expect(verdict?.message).toContain('activityCodes');
  });

  it('reads ASP.NET validation problems for unreadable bodies', () => {
    const problem = {
      type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: {
        $: ['The JSON value could not be converted. Path: $ | LineNumber: 0 | BytePositionInLine: 0.'],
      },
    };
    expect(classifyNihResponse(response(400, JSON.stringify(problem)))?.message).toBe(
      '$: The JSON value could not be converted. Path: $ | LineNumber: 0 | BytePositionInLine: 0.',
    );
    expect(errorMessages(JSON.stringify({ title: 'Bad Request', status: 400 }))).toEqual(['Bad Request']);
  });

  it('leaves everything else to core’s defaults', () => {
    expect(classifyNihResponse(response(429, 'API calls quota exceeded! maximum admitted 1 per 1s.'))).toBe(
      undefined,
    );
    expect(classifyNihResponse(response(500, '{"title":"An error occurred"}'))).toBe(undefined);
    expect(classifyNihResponse(response(400, '<html>bad</html>'))).toBe(undefined);
    expect(classifyNihResponse(response(400, '[]'))).toBe(undefined);
  });
});

describe('error responses through the HTTP client', () => {
  // One request at a time, and few, quick retries.
  const quota: Quota = {
    ...FAST_TEST_QUOTA,
    maxConcurrent: 1,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  };
  let sim: NihSimulator;
  let store: Store;
  const limiters: Limiter[] = [];
  const options = resolveOptions({});
  // A limiter each: a 429's Retry-After pauses the whole limiter.
  const http = () => {
    const limiter = createLimiter({ sourceId: 'nih', quota, store });
    limiters.push(limiter);
    return createHttpClient({ sourceId: 'nih', limiter, quota, classifyResponse: classifyNihResponse });
  };
  const window = { from_date: '2024-01-01', to_date: '2024-01-07' };
  const failure = async (page: { offset: number; limit: number }): Promise<FreshetError> => {
    const client = http();
    try {
      await searchProjects(
        client,
        sim.baseUrl,
        searchBody(options, window, page),
        new AbortController().signal,
      );
    } catch (err) {
      if (isFreshetError(err)) return Object.assign(err, { attemptsSeen: client.stats().calls });
      throw err;
    }
    throw new Error('expected the search to fail');
  };

  beforeAll(async () => {
    sim = await startNihSimulator({ weeks: 1, projectsPerWeek: 30, rateLimit: null });
    store = await openSqliteStore({ path: ':memory:' });
  });
  afterAll(async () => {
    await Promise.all(limiters.map((limiter) => limiter.stop()));
    await store.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.setFaults(null);
    sim.setRateLimit(null);
  });

  it('400 array of messages: REQUEST_REJECTED with the API’s message, not retried', async () => {
    const err = await failure({ offset: 0, limit: 501 });
    expect(err.code).toBe(ErrorCodes.REQUEST_REJECTED);
    expect(err.status).toBe(400);
    expect(err.message).toContain(NIH_LIMIT_TOO_LARGE);
    expect(err.details?.apiMessage).toBe(NIH_LIMIT_TOO_LARGE);
    expect(err.retryable).toBe(false);
    expect((err as FreshetError & { attemptsSeen: number }).attemptsSeen).toBe(1);
  });

  it('400 past the offset wall: COHORT_TOO_LARGE', async () => {
    const err = await failure({ offset: 15_000, limit: 500 });
    expect(err.code).toBe(ErrorCodes.COHORT_TOO_LARGE);
    expect(err.details?.apiMessage).toContain(NIH_OFFSET_TOO_LARGE);
  });

  it('429 (plain text, Retry-After): RATE_LIMITED with the API’s words', async () => {
    sim.setRateLimit({ requests: 1, intervalMs: 60_000 });
    await searchProjects(
      http(),
      sim.baseUrl,
      searchBody(options, window, { offset: 0, limit: 5 }),
      new AbortController().signal,
    );
    const err = await failure({ offset: 0, limit: 5 });
    expect(err.code).toBe(ErrorCodes.RATE_LIMITED);
    expect(err.status).toBe(429);
    expect(err.details?.apiMessage).toBe('API calls quota exceeded! maximum admitted 1 per 1m.');
    expect(err.retryAt).toBeInstanceOf(Date);
  });

  it.each([
    ['html500', ErrorCodes.UPSTREAM_UNAVAILABLE],
    ['http500', ErrorCodes.UPSTREAM_UNAVAILABLE],
    ['http502', ErrorCodes.UPSTREAM_UNAVAILABLE],
    ['malformed', ErrorCodes.BAD_RESPONSE],
    ['emptyBody', ErrorCodes.BAD_RESPONSE],
  ] as const)('%s on every attempt: %s after the retries', async (kind, code) => {
    sim.injectNext(kind, quota.retry.maxAttempts);
    const err = await failure({ offset: 0, limit: 5 });
    expect(err.code).toBe(code);
    expect((err as FreshetError & { attemptsSeen: number }).attemptsSeen).toBe(quota.retry.maxAttempts);
  });
});
