import { readFileSync } from 'node:fs';
import { ErrorCodes, type FreshetError, isFreshetError } from '@freshet/core';
import { buildPatentsViewPatent, PatentsViewDataset } from '@freshet/testkit';
import { FAIL_FAST_TEST_QUOTA } from '@freshet/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import {
  grantMonthParams,
  type PatentSearchParams,
  parsePatentPage,
  patentSearchRequest,
  searchPatents,
} from './client.js';
import { PATENTSVIEW_DEFAULT_FIELDS } from './defaults.js';
import { captureServer, testHttp } from './test-support.js';

const fixture = (name: string) => readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');

interface InteractionMeta {
  request: {
    method: 'GET' | 'POST';
    uri: string;
    decoded_query: Record<string, string>;
    body: string | null;
  };
  response_status: number;
  response_headers: Record<string, string | string[]>;
}

const PAGE = fixture('mustberuss-vcr-after-paging-page1.response.json');
const PAGE_META = JSON.parse(
  fixture('mustberuss-vcr-after-paging-page1.interaction-meta.json'),
) as InteractionMeta;
const EMPTY = fixture('mustberuss-vcr-post-empty-result.response.json');
const EMPTY_META = JSON.parse(
  fixture('mustberuss-vcr-post-empty-result.interaction-meta.json'),
) as InteractionMeta;
const HTML_500 = fixture('mustberuss-vcr-ipc-500-error.response.html');
const HTML_500_META = JSON.parse(
  fixture('mustberuss-vcr-ipc-500-error.interaction-meta.json'),
) as InteractionMeta;

const KEY = 'abcd1234.secretsecretsecret';
const REAL = 'https://search.patentsview.org';

const open: Array<{ close?(): Promise<void>; dispose?(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await (item.dispose?.() ?? item.close?.());
});

/** The recorded request's q/f/s/o, decoded. */
function recordedParams(meta: InteractionMeta): PatentSearchParams {
  const d = meta.request.decoded_query;
  return {
    q: JSON.parse(d.q!),
    f: JSON.parse(d.f!) as string[],
    s: JSON.parse(d.s!) as PatentSearchParams['s'],
    o: JSON.parse(d.o!) as Record<string, unknown>,
  };
}

async function serve(answers: Parameters<typeof captureServer>[0]) {
  const server = await captureServer(answers);
  open.push(server);
  // maxDelayMs above 1 s, so a Retry-After of 1 is waited out rather than reported.
  const client = await testHttp(
    { ...FAIL_FAST_TEST_QUOTA, retry: { ...FAIL_FAST_TEST_QUOTA.retry, maxDelayMs: 2000 } },
    [KEY],
  );
  open.push(client);
  return { server, http: client.http };
}

function flat(headers: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
  );
}

async function failure(promise: Promise<unknown>): Promise<FreshetError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isFreshetError(err)) throw new Error(`expected a FreshetError, got ${String(err)}`);
  return err;
}

describe('request building', () => {
  it('sends the recorded GET byte for byte: q, f, s, o as JSON strings, X-Api-Key header', async () => {
    const { server, http } = await serve([
      { status: 200, body: PAGE, headers: { 'content-type': 'application/json' } },
    ]);
    const page = await searchPatents(
      http,
      { baseUrl: server.baseUrl, method: 'GET', apiKey: KEY },
      recordedParams(PAGE_META),
    );
    expect(page.count).toBe(100);
    const [sent] = server.requests;
    expect(sent!.method).toBe('GET');
    expect(`${REAL}${sent!.url}`).toBe(PAGE_META.request.uri);
    expect(sent!.headers['x-api-key']).toBe(KEY);
    expect(sent!.headers.accept).toBe('application/json');
  });

  it('sends the recorded POST body byte for byte', async () => {
    const { server, http } = await serve([
      { status: 200, body: EMPTY, headers: { 'content-type': 'application/json' } },
    ]);
    const recorded = JSON.parse(EMPTY_META.request.body!) as {
      q: unknown;
      f: string[];
      o: Record<string, unknown>;
    };
    const page = await searchPatents(
      http,
      { baseUrl: server.baseUrl, method: 'POST', apiKey: KEY },
      { q: recorded.q, f: recorded.f, o: recorded.o },
    );
    expect(page).toEqual({ count: 0, total_hits: 0, patents: [] });
    const [sent] = server.requests;
    expect(sent!.method).toBe('POST');
    expect(`${REAL}${sent!.url}`).toBe(EMPTY_META.request.uri);
    expect(sent!.body).toBe(EMPTY_META.request.body);
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.headers['x-api-key']).toBe(KEY);
  });

  it('asks for a grant month as the recorded request asks for a day: same parameters, sort and paging', () => {
    const recorded = recordedParams(PAGE_META);
    const first = grantMonthParams(
      { fields: ['patent_id'], pageSize: 100, includeWithdrawn: false },
      { first: '2000-01-01', last: '2000-01-31' },
      null,
    );
    expect(first.f).toEqual(recorded.f);
    expect(first.s).toEqual(recorded.s);
    expect(first.o).toEqual(recorded.o);
    expect(first.q).toEqual({
      _and: [{ _gte: { patent_date: '2000-01-01' } }, { _lte: { patent_date: '2000-01-31' } }],
    });
    // The next page starts after the recorded page's last patent_id, as the fixture notes say.
    const last = (JSON.parse(PAGE) as { patents: Array<{ patent_id: string }> }).patents.at(-1)!.patent_id;
    const second = grantMonthParams(
      { fields: ['patent_id'], pageSize: 100, includeWithdrawn: true },
      { first: '2000-01-01', last: '2000-01-31' },
      last,
    );
    expect(JSON.stringify(second.o)).toBe('{"size":100,"after":"6009654","exclude_withdrawn":false}');

    const get = patentSearchRequest({ baseUrl: REAL, method: 'GET', apiKey: KEY }, first);
    expect(get.url).toBe(`${REAL}/api/v1/patent/`);
    expect(Object.keys(get.query!)).toEqual(['q', 'f', 's', 'o']);
    expect(get.query).toEqual({
      q: '{"_and":[{"_gte":{"patent_date":"2000-01-01"}},{"_lte":{"patent_date":"2000-01-31"}}]}',
      f: PAGE_META.request.decoded_query.f,
      s: PAGE_META.request.decoded_query.s,
      o: PAGE_META.request.decoded_query.o,
    });
    const post = patentSearchRequest({ baseUrl: REAL, method: 'POST', apiKey: KEY }, first);
    expect(JSON.stringify(post.json)).toBe(
      '{"q":{"_and":[{"_gte":{"patent_date":"2000-01-01"}},{"_lte":{"patent_date":"2000-01-31"}}]},"f":["patent_id"],"s":[{"patent_id":"asc"}],"o":{"size":100}}',
    );
    expect(post.headers).toEqual({ 'x-api-key': KEY });
  });

  it('keeps GET URLs of the default field list well under the lengths servers accept', () => {
    const params = grantMonthParams(
      { fields: [...PATENTSVIEW_DEFAULT_FIELDS], pageSize: 1000, includeWithdrawn: false },
      { first: '2025-01-01', last: '2025-01-31' },
      '12345678',
    );
    const request = patentSearchRequest({ baseUrl: REAL, method: 'GET', apiKey: KEY }, params);
    const url = new URL(request.url);
    for (const [name, value] of Object.entries(request.query!)) url.searchParams.append(name, String(value));
    expect(url.toString().length).toBeLessThan(2000);
  });
});

describe('response schemas', () => {
  it('parses the recorded page: every record whole, in the API’s field order', () => {
    const body = JSON.parse(PAGE) as { patents: unknown[] };
    const page = parsePatentPage(body, 'GET');
    expect(page.count).toBe(100);
    expect(page.total_hits).toBe(3001);
    expect(page.patents).toEqual(body.patents);
    expect(Object.keys(page.patents[3]!)).toEqual(Object.keys(body.patents[3] as object));
    expect(page.patents.at(-1)!.patent_id).toBe('6009654');
  });

  it('parses simulator patents carrying every group the API can return, keeping them whole', () => {
    const ds = new PatentsViewDataset({ seed: 4, startMonth: '2014-06', months: 1, patentsPerMonth: 120 });
    const patents = Array.from({ length: ds.size }, (_, i) => buildPatentsViewPatent(ds, i));
    for (const group of [
      'attorneys',
      'foreign_priority',
      'granted_pregrant_crosswalk',
      'ipcr',
      'uspc_at_issue',
    ]) {
      expect(
        patents.some((p) => group in p),
        group,
      ).toBe(true);
    }
    const body = { error: false, count: patents.length, total_hits: patents.length, patents };
    expect(parsePatentPage(body, 'POST').patents).toEqual(patents);
  });

  it('parses the recorded empty result', () => {
    expect(parsePatentPage(JSON.parse(EMPTY), 'POST')).toEqual({ count: 0, total_hits: 0, patents: [] });
  });

  it.each([
    [
      'patent_id renamed',
      (b: Record<string, unknown>) => renameFirst(b, 'patent_id', 'patent_number'),
      'patents[0].patent_id',
    ],
    [
      'patent_id a number',
      (b: Record<string, unknown>) => setFirst(b, 'patent_id', 6009555),
      'patents[0].patent_id',
    ],
    [
      'inventors an object',
      (b: Record<string, unknown>) => setFirst(b, 'inventors', { n: 1 }),
      'patents[0].inventors',
    ],
    ['total_hits missing', (b: Record<string, unknown>) => ({ ...b, total_hits: undefined }), 'total_hits'],
    [
      'patents renamed',
      (b: Record<string, unknown>) => ({ ...b, patents: undefined, results: b.patents }),
      'patents',
    ],
    [
      'attorneys a string',
      (b: Record<string, unknown>) => setFirst(b, 'attorneys', 'Fish & Richardson P.C.'),
      'patents[0].attorneys',
    ],
    [
      'ipcr an object',
      (b: Record<string, unknown>) => setFirst(b, 'ipcr', { ipc_section: 'A' }),
      'patents[0].ipcr',
    ],
    ['count off', (b: Record<string, unknown>) => ({ ...b, count: 99 }), 'count'],
    ['error true', (b: Record<string, unknown>) => ({ ...b, error: true }), 'error'],
  ])('fails with SCHEMA_DRIFT naming the field: %s', (_name, change, field) => {
    const body = change(JSON.parse(PAGE) as Record<string, unknown>);
    let caught: unknown;
    try {
      parsePatentPage(body, 'GET');
    } catch (err) {
      caught = err;
    }
    expect(isFreshetError(caught, ErrorCodes.SCHEMA_DRIFT)).toBe(true);
    const err = caught as FreshetError;
    expect(err.details?.fields).toContain(field);
    expect(err.message).toContain(field);
    expect(err.message).toContain('GET /api/v1/patent/');
  });
});

describe('error responses', () => {
  it('maps the recorded HTML 500 to UPSTREAM_UNAVAILABLE after retrying it', async () => {
    const { server, http } = await serve([
      {
        status: HTML_500_META.response_status,
        headers: flat(HTML_500_META.response_headers),
        body: HTML_500,
      },
    ]);
    const err = await failure(
      searchPatents(http, { baseUrl: server.baseUrl, method: 'GET', apiKey: KEY }, { q: {} }),
    );
    expect(err.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
    expect(err.message).toContain('returned an HTML error page (status 500)');
    expect(server.requests).toHaveLength(4);
  });

  it('maps a 400 to REQUEST_REJECTED with the X-Status-Reason and its code, not retried', async () => {
    const { server, http } = await serve([
      {
        status: 400,
        headers: {
          'content-type': 'application/json',
          'x-status-reason': 'Invalid field: shoe_size',
          'x-status-reason-code': 'ERR_Q',
        },
        body: '{"error":true}',
      },
    ]);
    const err = await failure(
      searchPatents(http, { baseUrl: server.baseUrl, method: 'GET', apiKey: KEY }, { q: {} }),
    );
    expect(err.code).toBe(ErrorCodes.REQUEST_REJECTED);
    expect(err.message).toContain('Invalid field: shoe_size (ERR_Q)');
    expect(err.details?.apiMessage).toBe('Invalid field: shoe_size (ERR_Q)');
    expect(server.requests).toHaveLength(1);
  });

  it('maps a 403 to AUTH_FAILED without the key anywhere in the error', async () => {
    const { server, http } = await serve([
      {
        status: 403,
        headers: { 'content-type': 'application/json' },
        body: '{"detail":"Authentication credentials were not provided."}',
      },
    ]);
    const err = await failure(
      searchPatents(http, { baseUrl: server.baseUrl, method: 'GET', apiKey: KEY }, { q: {} }),
    );
    expect(err.code).toBe(ErrorCodes.AUTH_FAILED);
    expect(err.message).toContain('Authentication credentials were not provided.');
    expect(JSON.stringify({ message: err.message, details: err.details })).not.toContain(KEY);
    expect(server.requests).toHaveLength(1);
  });

  it('waits out a 429’s Retry-After and then succeeds', async () => {
    const { server, http } = await serve([
      {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
        body: '{"detail":"Request was throttled. Expected available in 1 second."}',
      },
      { status: 200, headers: { 'content-type': 'application/json' }, body: EMPTY },
    ]);
    const started = Date.now();
    const page = await searchPatents(
      http,
      { baseUrl: server.baseUrl, method: 'GET', apiKey: KEY },
      { q: {} },
    );
    expect(page.count).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(http.stats()).toMatchObject({ throttled: 1, retries: 1 });
  });

  it('maps an Elasticsearch 500 (ERR_ES) to a retried UPSTREAM_UNAVAILABLE with its reason', async () => {
    const { server, http } = await serve([
      {
        status: 500,
        headers: {
          'content-type': 'application/json',
          'x-status-reason': 'Internal Server Error',
          'x-status-reason-code': 'ERR_ES',
        },
        body: '{"error":true}',
      },
    ]);
    const err = await failure(
      searchPatents(http, { baseUrl: server.baseUrl, method: 'GET', apiKey: KEY }, { q: {} }),
    );
    expect(err.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
    expect(err.message).toContain('Internal Server Error (ERR_ES)');
    expect(server.requests).toHaveLength(4);
  });
});

function renameFirst(body: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const patents = [...(body.patents as Array<Record<string, unknown>>)];
  const { [from]: value, ...rest } = patents[0]!;
  patents[0] = { ...rest, [to]: value };
  return { ...body, patents };
}

function setFirst(body: Record<string, unknown>, field: string, value: unknown): Record<string, unknown> {
  const patents = [...(body.patents as Array<Record<string, unknown>>)];
  patents[0] = { ...patents[0], [field]: value };
  return { ...body, patents };
}
