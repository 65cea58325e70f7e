import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHttpClient,
  createLimiter,
  ErrorCodes,
  type Http,
  type HttpRequest,
  type HttpResponse,
  isFreshetError,
  type Limiter,
  type Quota,
  type Store,
} from '@freshet/core';
import { type SbirSimulator, startSbirSimulator } from '@freshet/testkit';
import {
  closeAfterEach,
  expectEachFaultRetriedOnce,
  FAST_TEST_QUOTA,
  fetchOneSlice,
  memoryStore,
  runSource,
  storedKeys,
  tempFileStore,
} from '@freshet/testkit/conformance';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awardsPageSchema, classifySbirResponse, fetchAwardsPage, parseAwards } from './client.js';
import { awardKey, DEFAULT_QUOTA, resolveOptions, sbir } from './source.js';
import type { SbirAward, SbirCursor } from './types.js';

// ---------------------------------------------------------------------------------------------
// Helpers

const AGENCIES = ['DOD', 'NSF', 'EPA', 'DOE'];
const YEARS = ['sbir:award_year_2023', 'sbir:award_year_2024', 'sbir:award_year_2025'];

/** DOD pages several times, NSF exactly fills two pages of 10, EPA has none, DOE one short page. */
const sizes = (year: number, agency: string) =>
  ({ DOD: 31 + (year - 2023) * 7, NSF: 20, EPA: 0, DOE: 3 + (year - 2023) })[agency] ?? 0;

function startSim(rateLimit: Parameters<typeof startSbirSimulator>[0] = {}) {
  return startSbirSimulator({
    seed: 42,
    firstYear: 2023,
    years: 3,
    agencies: [...AGENCIES, 'NASA'],
    awardsPerAgencyYear: sizes,
    rateLimit: null,
    ...rateLimit,
  });
}

const expectedKeys = (sim: SbirSimulator, year: number) =>
  sim
    .truth({ year })
    .filter((award) => AGENCIES.includes(award.agency))
    .map(awardKey)
    .sort();

/** An `Http` that records what the source asks for and answers with `body`. */
function recordingHttp(body: unknown): { http: Http; requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const response: HttpResponse = {
    status: 200,
    headers: {},
    text: JSON.stringify(body),
    url: '',
    attempts: 1,
  };
  const http: Http = {
    request: async (req) => {
      requests.push(req);
      return response;
    },
    json: async (req) => {
      requests.push(req);
      return { response, body };
    },
    stats: () => ({ calls: requests.length, retries: 0, throttled: 0 }),
  };
  return { http, requests };
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

const response = (status: number, text: string, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  text,
  url: 'https://api.www.sbir.gov/public/api/awards',
  attempts: 1,
});

// ---------------------------------------------------------------------------------------------

describe('options', () => {
  it('fills in the defaults', () => {
    expect(resolveOptions(undefined)).toEqual({
      baseUrl: 'https://api.www.sbir.gov',
      agencies: ['DOD', 'HHS', 'NASA', 'NSF', 'DOE', 'USDA', 'EPA', 'DOC', 'ED', 'DOT', 'DHS'],
      rows: 1000,
      firstYear: 1983,
    });
    expect(resolveOptions({ baseUrl: 'http://127.0.0.1:9/', agencies: [' nsf', 'Dod'] })).toMatchObject({
      baseUrl: 'http://127.0.0.1:9',
      agencies: ['NSF', 'DOD'],
    });
  });

  it.each([
    [{ rows: 6000 }, 'option rows must be a whole number from 1 to 5000'],
    [{ rows: 2.5 }, 'option rows must be a whole number from 1 to 5000'],
    [{ agencies: [] }, 'option agencies must name at least one agency'],
    [{ agencies: ['NSF', 'nsf'] }, 'option agencies must not name an agency twice'],
    [{ agencies: ['N'] }, 'option agencies[0] an agency code is 2 to 8 letters'],
    [{ baseUrl: 'ftp://example.com' }, 'option baseUrl must be an http(s) URL'],
    [{ firstYear: 1970 }, 'option firstYear must be a year from 1983'],
    [{ row: 10 }, 'option row is not known (known options: baseUrl, agencies, rows, firstYear)'],
  ])('refuses %j with OPTIONS_INVALID naming the option', (input, message) => {
    const err = errorOf(() => sbir(input as never));
    expect(isFreshetError(err, ErrorCodes.OPTIONS_INVALID)).toBe(true);
    expect((err as Error).message).toContain(message);
  });
});

describe('partitions', () => {
  it('lists award years from firstYear to this year, or the configured range', async () => {
    const source = sbir({ firstYear: 2021 });
    const now = new Date('2024-06-01T00:00:00Z');
    const listed = await source.listPartitions({ options: source.options, now });
    expect(listed.map((c) => c.key)).toEqual([
      'award_year_2021',
      'award_year_2022',
      'award_year_2023',
      'award_year_2024',
    ]);
    const ranged = await source.listPartitions({ options: source.options, now, range: '2019..2020' });
    expect(ranged.map((c) => c.key)).toEqual(['award_year_2019', 'award_year_2020']);
  });
});

describe('requests and responses', () => {
  it('asks GET /public/api/awards with agency, year, rows and start', async () => {
    const { http, requests } = recordingHttp([]);
    await fetchAwardsPage(
      http,
      'https://api.www.sbir.gov',
      { agency: 'NSF', year: 2024, rows: 1000, start: 2000 },
      new AbortController().signal,
    );
    expect(requests).toHaveLength(1);
    const { method, url, query } = requests[0]!;
    expect({ method, url, query }).toEqual({
      method: 'GET',
      url: 'https://api.www.sbir.gov/public/api/awards',
      query: { agency: 'NSF', year: 2024, rows: 1000, start: 2000 },
    });
  });

  it('walks each agency page by page, then the next agency, and is done after the last', async () => {
    const source = sbir({ agencies: ['DOD', 'NSF'], rows: 2 });
    const partition = {
      key: 'sbir:award_year_2024',
      source: 'sbir',
      cohort: source.cohort.parse('award_year_2024'),
    };
    const award = (n: number) => ({ agency: 'DOD', agency_tracking_number: `T${n}`, contract: `C${n}` });
    const slice = async (cursor: SbirCursor | null, page: unknown[]) => {
      const { http, requests } = recordingHttp(page);
      const result = await fetchOneSlice(source, { partition, cursor, http });
      return {
        query: requests[0]?.query,
        cursor: result.cursor,
        done: result.done,
        records: result.records.length,
      };
    };
    expect(await slice(null, [award(1), award(2)])).toEqual({
      query: { agency: 'DOD', year: 2024, rows: 2, start: 0 },
      cursor: { agency: 'DOD', start: 2 },
      done: false,
      records: 2,
    });
    // A short page ends DOD: NSF next, from the start.
    expect(await slice({ agency: 'DOD', start: 2 }, [award(3)])).toMatchObject({
      cursor: { agency: 'NSF', start: 0 },
      done: false,
    });
    // An empty page after a full one ends the agency too.
    expect(await slice({ agency: 'NSF', start: 2 }, [])).toMatchObject({
      query: { agency: 'NSF', start: 2 },
      cursor: null,
      done: true,
    });
    // A cursor whose agency is no longer configured starts the partition over.
    expect(await slice({ agency: 'EPA', start: 40 }, [])).toMatchObject({
      query: { agency: 'DOD', start: 0 },
      cursor: { agency: 'NSF', start: 0 },
    });
  });

  it('parses every award the simulator serves, keeping every field', async () => {
    const sim = await startSim();
    try {
      const truth = sim.truth();
      expect(parseAwards(truth)).toEqual(truth);
    } finally {
      await sim.close();
    }
  });

  it('accepts the variants reports show: amounts as numbers, links as URLs, nulls, unknown fields', () => {
    const body = [
      {
        agency: 'NSF',
        agency_tracking_number: '2449557',
        contract: '2449557',
        award_amount: '304952.0000',
        award_link: 214901,
        branch: null,
      },
      {
        agency: 'HHS',
        agency_tracking_number: 'R43CA123456',
        contract: '1R43CA123456-01',
        award_amount: 150000,
        award_link: 'https://www.sbir.gov/node/1',
        firm: null,
        new_field: { x: 1 },
      },
    ];
    expect(parseAwards(body)).toEqual(body);
  });

  it('reports a changed shape as SCHEMA_DRIFT naming the field', () => {
    const renamed = errorOf(() => parseAwards([{ agency: 'NSF', tracking_number: '1', contract: '1' }]));
    expect(isFreshetError(renamed, ErrorCodes.SCHEMA_DRIFT)).toBe(true);
    expect((renamed as Error).message).toContain('[0].agency_tracking_number');
    const wrapped = errorOf(() => parseAwards({ awards: [] }));
    expect((wrapped as Error).message).toContain('(body)');
    expect(
      awardsPageSchema.safeParse([{ agency: 'NSF', agency_tracking_number: 7, contract: '7' }]).success,
    ).toBe(false);
  });

  it('keys an award by agency, tracking number and contract', () => {
    const award: SbirAward = {
      agency: 'NSF',
      agency_tracking_number: '2449557',
      contract: '2449557',
      award_link: 214901,
    };
    expect(awardKey(award)).toBe('NSF|2449557|2449557');
  });
});

describe('error responses', () => {
  it('turns 403 into REQUEST_REJECTED: there is no key, so the path or the client is wrong', () => {
    expect(classifySbirResponse(response(403, '{"message":"Forbidden"}'))).toEqual({
      code: ErrorCodes.REQUEST_REJECTED,
      message: expect.stringMatching(/^Forbidden; SBIR\.gov needs no key, so check baseUrl/),
      retryable: false,
    });
    // Everything else keeps core's defaults.
    for (const status of [400, 429, 500, 503])
      expect(classifySbirResponse(response(status, '{}'))).toBeUndefined();
  });

  describe('over HTTP', () => {
    let sim: SbirSimulator;
    let quotaStore: Store;
    let limiter: Limiter;
    let http: Http;
    const quota: Quota = { ...FAST_TEST_QUOTA, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2000 } };
    beforeAll(async () => {
      sim = await startSim();
      quotaStore = await memoryStore();
    });
    afterAll(async () => {
      await sim.close();
      await quotaStore.close();
    });
    beforeEach(() => {
      sim.setFaults(null);
      sim.setRateLimit(null);
      limiter = createLimiter({ sourceId: 'sbir', quota, store: quotaStore });
      http = createHttpClient({ sourceId: 'sbir', limiter, quota, classifyResponse: classifySbirResponse });
    });
    afterEach(() => limiter.stop());
    const page = { agency: 'NSF', year: 2024, rows: 10, start: 0 };
    const failure = async (baseUrl: string, pageOf = page) => {
      try {
        await fetchAwardsPage(http, baseUrl, pageOf, new AbortController().signal);
      } catch (err) {
        return err as Error & { code: string };
      }
      throw new Error('expected a failure');
    };

    it('sends exactly GET /public/api/awards?agency=…&year=…&rows=…&start=… over the wire', async () => {
      const seen: string[] = [];
      const server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const wanted = { agency: 'NSF', year: 2024, rows: 1000, start: 2000 };
        await fetchAwardsPage(http, `http://127.0.0.1:${port}`, wanted, new AbortController().signal);
        expect(seen).toEqual(['GET /public/api/awards?agency=NSF&year=2024&rows=1000&start=2000']);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('400: REQUEST_REJECTED with the API message', async () => {
      const err = await failure(sim.baseUrl, { ...page, rows: 6000 });
      expect(err.code).toBe(ErrorCodes.REQUEST_REJECTED);
      expect(err.message).toContain('rows must not be greater than 5000');
    });

    it('403 for a wrong baseUrl: REQUEST_REJECTED saying to check it', async () => {
      const err = await failure(`${sim.baseUrl}/v1`);
      expect(err.code).toBe(ErrorCodes.REQUEST_REJECTED);
      expect(err.message).toContain('Forbidden; SBIR.gov needs no key, so check baseUrl');
    });

    it('429 past the retries: RATE_LIMITED', async () => {
      sim.setRateLimit({ requests: 1, intervalMs: 60_000, retryAfterSeconds: 1 });
      await fetchAwardsPage(http, sim.baseUrl, page, new AbortController().signal);
      const err = await failure(sim.baseUrl);
      expect(err.code).toBe(ErrorCodes.RATE_LIMITED);
      expect(err.message).toContain('Too Many Requests');
    });

    it('HTML 500 pages past the retries: UPSTREAM_UNAVAILABLE', async () => {
      sim.injectNext('html500', 2);
      const err = await failure(sim.baseUrl);
      expect(err.code).toBe(ErrorCodes.UPSTREAM_UNAVAILABLE);
      expect(err.message).toContain('HTML error page (status 500)');
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('through the engine', () => {
  const track = closeAfterEach();
  let store: Store;
  const source = (sim: SbirSimulator) =>
    sbir({ baseUrl: sim.baseUrl, agencies: AGENCIES, rows: 10, firstYear: 2023 });

  beforeEach(async () => {
    ({ store } = track(await tempFileStore()));
  });

  it('fetches every partition completely: each award once, equal to the simulator', async () => {
    const sim = track(await startSim());
    const src = source(sim);
    const results = await runSource({ store, source: src, partitionKeys: YEARS, quota: FAST_TEST_QUOTA });
    expect(results.map((r) => [r.partitionKey, r.outcome])).toEqual(YEARS.map((key) => [key, 'complete']));
    for (const [i, key] of YEARS.entries()) {
      const year = 2023 + i;
      const keys = await storedKeys(store, 'sbir', key);
      expect(keys).toEqual(expectedKeys(sim, year));
      expect(results[i]!.counts).toMatchObject({ written: keys.length, unchanged: 0 });
      // DOD in ceil((n+1)/10) pages, NSF in 3 (20 fills two), EPA and DOE in 1 each.
      const dod = sizes(year, 'DOD');
      expect(results[i]!.counts.slices).toBe(Math.floor(dod / 10) + 1 + 3 + 1 + 1);
    }
    // Records are stored as the API sent them.
    const some = sim.truth({ agency: 'NSF', year: 2024 })[3]!;
    expect((await store.getRecord('sbir', awardKey(some)))?.payload).toEqual(some);
    expect(sim.stats().byRoute).toEqual({ 'GET /public/api/awards': sim.stats().requests });
  });

  it('resumes a failed partition from its checkpoint, repeating only the failed slice', async () => {
    const sim = track(await startSim());
    const src = source(sim);
    const quota = { ...FAST_TEST_QUOTA, retry: { ...FAST_TEST_QUOTA.retry, maxAttempts: 3 } };
    const key = YEARS[1]!;
    // Slice 3 meets three 500s in a row: its retries run out and the partition fails.
    const failed = await runSource({
      store,
      source: src,
      partitionKeys: [key],
      quota,
      hooks: { beforeFetch: ({ slice }) => (slice === 3 ? sim.injectNext('http500', 3) : undefined) },
    });
    expect(failed[0]).toMatchObject({ outcome: 'failed', error: { code: ErrorCodes.UPSTREAM_UNAVAILABLE } });
    expect(failed[0]!.counts.slices).toBe(2);
    expect((await store.getCheckpoint(key))?.cursor).toEqual({ agency: 'DOD', start: 20 });
    expect(sim.stats().requests).toBe(2 + 3);

    sim.resetStats();
    const [resumed] = await runSource({ store, source: src, partitionKeys: [key], quota });
    expect(resumed).toMatchObject({ outcome: 'complete', resumed: true });
    const slicesInAll = Math.floor(sizes(2024, 'DOD') / 10) + 1 + 3 + 1 + 1;
    expect(resumed!.counts.slices).toBe(slicesInAll - 2);
    expect(sim.stats().requests).toBe(slicesInAll - 2);
    expect(resumed!.counts.unchanged).toBe(0);
    expect(await storedKeys(store, 'sbir', key)).toEqual(expectedKeys(sim, 2024));
  });

  it('never exceeds the API limit with the default quota (both scaled: a minute becomes 600 ms)', async () => {
    const sim = track(await startSim({ rateLimit: { requests: 60, intervalMs: 600 } }));
    // Pages of one award make enough requests (over two windows' worth) for the limit to matter.
    const src = sbir({ baseUrl: sim.baseUrl, agencies: AGENCIES, rows: 1, firstYear: 2023 });
    const quota: Quota = { ...DEFAULT_QUOTA, intervalMs: DEFAULT_QUOTA.intervalMs / 100, timeoutMs: 5000 };
    const results = await runSource({ store, source: src, partitionKeys: YEARS, quota });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete', 'complete']);
    const stats = sim.stats();
    expect(stats.requests).toBeGreaterThan(120);
    expect(stats.violations).toBe(0);
    expect(stats.throttled).toBe(0);
    expect(stats.maxInFlight).toBe(1);
  });

  it('completes every partition with 10% of answers broken, losing and repeating nothing', async () => {
    const sim = track(
      await startSim({
        awardsPerAgencyYear: (year, agency) => sizes(year, agency) * 3,
        // Seed 12 draws every kind of fault at least once in this run.
        faults: { rate: 0.1, seed: 12, timeoutMs: 1_000, slowMs: 50 },
      }),
    );
    const src = sbir({ baseUrl: sim.baseUrl, agencies: AGENCIES, rows: 3, firstYear: 2023 });
    // A short client timeout makes `timeout` faults fail fast; 503's Retry-After (1 s) must fit maxDelayMs.
    const quota: Quota = {
      ...FAST_TEST_QUOTA,
      timeoutMs: 300,
      retry: { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 2_000 },
    };
    const results = await runSource({ store, source: src, partitionKeys: YEARS, quota });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete', 'complete']);
    for (const [i, key] of YEARS.entries()) {
      expect(await storedKeys(store, 'sbir', key)).toEqual(expectedKeys(sim, 2023 + i));
      expect(results[i]!.counts.unchanged).toBe(0);
    }
    // Every fault but `slow` (an answer 50 ms late) costs exactly one retry, every kind met.
    const { faultsInjected } = sim.stats();
    const { faults, retries } = expectEachFaultRetriedOnce(sim.stats(), results);
    console.info(
      `10% faults: ${sim.stats().requests} requests, ${faults} faults ${JSON.stringify(faultsInjected)}, ${retries} retries`,
    );
  });
});
