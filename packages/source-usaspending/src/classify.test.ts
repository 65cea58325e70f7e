import {
  createHttpClient,
  createLimiter,
  ErrorCodes,
  FreshetError,
  type HttpResponse,
  type Quota,
} from '@freshet/core';
import {
  startUsaspendingSimulator,
  type UsaspendingSimulator,
  usaspendingMixedGroupsDetail,
} from '@freshet/testkit';
import { FAST_TEST_QUOTA, type TempFileStore, tempFileStore } from '@freshet/testkit/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyUsaspendingResponse } from './classify.js';
import { searchAwards, searchBody } from './client.js';

const response = (status: number, text: string, contentType = 'application/json'): HttpResponse => ({
  status,
  headers: { 'content-type': contentType },
  text,
  url: 'https://api.usaspending.gov/api/v2/search/spending_by_award/',
  attempts: 1,
});

const WINDOW =
  "Page #501 with limit 100 is over the maximum result limit 50000. Please provide the 'last_record_sort_value' and 'last_record_unique_id' to paginate sequentially.";

describe('classifyUsaspendingResponse', () => {
  it('keeps the message of an object detail (mixed award type groups)', () => {
    const verdict = classifyUsaspendingResponse(
      response(422, JSON.stringify({ detail: usaspendingMixedGroupsDetail() })),
    );
    expect(verdict).toEqual({
      code: ErrorCodes.REQUEST_REJECTED,
      message:
        "'award_type_codes' must only contain types from one group. (groups: contracts, loans, idvs, grants, other_financial_assistance, direct_payments)",
      retryable: false,
    });
  });

  it('makes the 50,000-row window COHORT_TOO_LARGE with a hint how to narrow', () => {
    const verdict = classifyUsaspendingResponse(response(422, JSON.stringify({ detail: WINDOW })));
    expect(verdict?.code).toBe(ErrorCodes.COHORT_TOO_LARGE);
    expect(verdict?.message).toContain(WINDOW);
    expect(verdict?.message).toContain('narrow the cohort');
  });

  it('keeps the API message of 400 and 422 string details, and leaves the rest to the defaults', () => {
    expect(
      classifyUsaspendingResponse(
        response(400, "{\"detail\":\"Field 'order' is outside valid values ['asc', 'desc']\"}"),
      ),
    ).toEqual({
      code: ErrorCodes.REQUEST_REJECTED,
      message: "Field 'order' is outside valid values ['asc', 'desc']",
      retryable: false,
    });
    expect(classifyUsaspendingResponse(response(503, '<html>503</html>', 'text/html'))).toBeUndefined();
    expect(classifyUsaspendingResponse(response(500, '<!doctype html>', 'text/html'))).toBeUndefined();
    expect(classifyUsaspendingResponse(response(422, 'not json'))).toBeUndefined();
  });
});

describe('error responses through the HTTP client, against the simulator', () => {
  let sim: UsaspendingSimulator;
  let store: TempFileStore;
  // One request at a time, and few, quick retries.
  const quota: Quota = {
    ...FAST_TEST_QUOTA,
    maxConcurrent: 1,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  };
  beforeAll(async () => {
    sim = await startUsaspendingSimulator({
      seed: 3,
      fiscalYears: 1,
      firstFiscalYear: 2023,
      awardsPerYear: (_fy, group) => (group === 'grants' ? 50_020 : 3),
      rateLimit: null,
    });
    store = await tempFileStore();
  });
  afterAll(async () => {
    await sim.close();
    await store.close();
  });

  /** A client of its own: stop its limiter when done. */
  function client() {
    const limiter = createLimiter({ sourceId: 'usaspending', quota, store: store.store });
    const http = createHttpClient({
      sourceId: 'usaspending',
      limiter,
      quota,
      classifyResponse: classifyUsaspendingResponse,
    });
    return { limiter, http };
  }

  async function send(body: unknown): Promise<FreshetError> {
    const { limiter, http } = client();
    try {
      await searchAwards(http, sim.baseUrl, body as never, new AbortController().signal);
    } catch (err) {
      if (err instanceof FreshetError) return err;
      throw err;
    } finally {
      await limiter.stop();
    }
    throw new Error('expected the request to fail');
  }

  const good = () =>
    searchBody({
      group: 'grants',
      fields: ['Award ID'],
      timePeriod: { start_date: '2022-10-01', end_date: '2023-09-30', date_type: 'action_date' },
      filters: {},
      limit: 100,
      page: 1,
      after: null,
    });

  it('maps each refusal to its code with the API message', async () => {
    const mixed = await send({ ...good(), filters: { ...good().filters, award_type_codes: ['A', '02'] } });
    expect(mixed).toMatchObject({ code: ErrorCodes.REQUEST_REJECTED, status: 422 });
    expect(mixed.message).toContain("'award_type_codes' must only contain types from one group.");

    const limit = await send({ ...good(), limit: 101 });
    expect(limit).toMatchObject({ code: ErrorCodes.REQUEST_REJECTED, status: 422 });
    expect(limit.message).toContain("Field 'limit' value '101' is above max '100'");

    const early = await send({
      ...good(),
      filters: { ...good().filters, time_period: [{ start_date: '2007-01-01' }] },
    });
    expect(early.message).toContain(
      'start_date falls before the earliest available search date of 2007-10-01.',
    );

    const sort = await send({ ...good(), sort: 'Award Amount' });
    expect(sort).toMatchObject({ code: ErrorCodes.REQUEST_REJECTED, status: 400 });
    expect(sort.message).toContain("Sort value 'Award Amount' not found in requested fields: ['Award ID']");

    const window = await send({ ...good(), page: 501 });
    expect(window).toMatchObject({ code: ErrorCodes.COHORT_TOO_LARGE, status: 422, retryable: false });
    expect(window.message).toContain('over the maximum result limit 50000');
  });

  it('retries 5xx pages and empty replies, then gives up with the right code', async () => {
    sim.injectNext('html500', 3);
    expect(await send(good())).toMatchObject({ code: ErrorCodes.UPSTREAM_UNAVAILABLE, status: 500 });
    sim.injectNext('http503', 3);
    expect(await send(good())).toMatchObject({ code: ErrorCodes.UPSTREAM_UNAVAILABLE, status: 503 });
    sim.injectNext('emptyBody', 3);
    expect(await send(good())).toMatchObject({ code: ErrorCodes.BAD_RESPONSE });
    sim.resetStats();
    sim.injectNext('http503', 2);
    const { limiter, http } = client();
    const page = await searchAwards(http, sim.baseUrl, good(), new AbortController().signal);
    await limiter.stop();
    expect(page.results).toHaveLength(100);
    expect(http.stats()).toMatchObject({ calls: 3, retries: 2 });
  });
});
