import { describe, expect, it } from 'vitest';
import { shapeDiff } from '../../sim/shape.js';
import { fixtureJson, sharedSimulator } from '../test-support.js';
import { startUsaspendingSimulator } from './index.js';
import { COUNT_PATH, SEARCH_PATH } from './routes.js';
import { RECORDED_FIELDS as FIELDS } from './test-fields.js';
import type {
  UsaspendingAwardRow,
  UsaspendingFilters,
  UsaspendingSearchResponse,
  UsaspendingSimulator,
} from './types.js';

const fixture = (name: string) => fixtureJson('usaspending', name);
const PAGE1 = fixture('awardfindr-vcr-spending_by_award-page1.response.json');
const PAGE9 = fixture('awardfindr-vcr-spending_by_award-page9-last.response.json');
const META1 = fixture('awardfindr-vcr-spending_by_award-page1.interaction-meta.json') as {
  request: { body: string };
};

function post(
  sim: UsaspendingSimulator,
  path: string,
  body: unknown,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${sim.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

async function page(
  sim: UsaspendingSimulator,
  body: Record<string, unknown>,
): Promise<UsaspendingSearchResponse> {
  const res = await post(sim, SEARCH_PATH, body);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as UsaspendingSearchResponse;
}

async function detail(
  sim: UsaspendingSimulator,
  body: unknown,
  path = SEARCH_PATH,
): Promise<[number, unknown]> {
  const res = await post(sim, path, body);
  const text = await res.text();
  return [res.status, res.headers.get('content-type')?.includes('json') ? JSON.parse(text).detail : text];
}

/** What an adapter does: page 1, then search_after with the cursor of each page. */
async function walk(
  sim: UsaspendingSimulator,
  filters: UsaspendingFilters,
  limit: number,
  mode: 'after' | 'page' = 'after',
): Promise<UsaspendingAwardRow[]> {
  const out: UsaspendingAwardRow[] = [];
  let cursor: { last_record_unique_id: number; last_record_sort_value: string } | undefined;
  for (let n = 1; ; n++) {
    const body = await page(sim, {
      filters,
      fields: FIELDS,
      limit,
      page: n,
      sort: 'Award ID',
      order: 'desc',
      ...cursor,
    });
    out.push(...body.results);
    const meta = body.page_metadata;
    if (!meta.hasNext) {
      expect(meta.last_record_unique_id).toBeNull();
      expect(meta.last_record_sort_value).toBe('None');
      return out;
    }
    const last = body.results.at(-1) as UsaspendingAwardRow;
    expect(meta.last_record_unique_id).toBe(last.internal_id);
    expect(meta.last_record_sort_value).toBe(last['Award ID']);
    if (mode === 'after') {
      cursor = {
        last_record_unique_id: meta.last_record_unique_id as number,
        last_record_sort_value: meta.last_record_sort_value as string,
      };
    }
  }
}

describe('USAspending simulator: POST /api/v2/search/spending_by_award/', () => {
  const sim = sharedSimulator(
    () =>
      startUsaspendingSimulator({
        seed: 11,
        awardsPerYear: { grants: 730, contracts: 420 },
        rateLimit: null,
      }),
    { reset: true },
  );

  it('pages a cohort to the end with search_after, each award once, equal to truth()', async () => {
    const filters = sim.cohortFilters(2023, 'grants');
    const got = await walk(sim, filters, 100);
    const keys = got.map((r) => r.generated_internal_id);
    expect(new Set(keys).size).toBe(keys.length);
    expect(got).toEqual(sim.truth(filters, { fields: FIELDS }));
    expect([...keys].sort()).toEqual(sim.truthKeys(filters));
    expect(got).toHaveLength(730);
  });

  it('gives the same rows paging by page number, ties on Award ID broken by internal_id', async () => {
    const filters = sim.cohortFilters(2024, 'contracts');
    const byPage = await walk(sim, filters, 37, 'page');
    const byCursor = await walk(sim, filters, 37, 'after');
    expect(byPage).toEqual(byCursor);
    for (let k = 1; k < byPage.length; k++) {
      const [a, b] = [byPage[k - 1] as UsaspendingAwardRow, byPage[k] as UsaspendingAwardRow];
      const order =
        (a['Award ID'] as string) > (b['Award ID'] as string) ||
        (a['Award ID'] === b['Award ID'] && a.internal_id > b.internal_id);
      expect(order).toBe(true);
    }
  });

  it('answers in the recorded envelope and row shape, with the time period notice', async () => {
    const body = await page(sim, {
      filters: sim.cohortFilters(2023, 'grants'),
      fields: FIELDS,
      limit: 50,
      page: 1,
    });
    expect(shapeDiff(PAGE1, body)).toEqual([]);
    expect(Object.keys(body)).toEqual(['spending_level', 'limit', 'results', 'page_metadata', 'messages']);
    expect(body.messages).toEqual(PAGE1.messages);
    const lastPage = await page(sim, {
      filters: sim.cohortFilters(2023, 'grants'),
      fields: FIELDS,
      limit: 50,
      page: 15,
    });
    expect(lastPage.results).toHaveLength(30);
    expect(lastPage.page_metadata).toEqual(
      PAGE9.page_metadata && { ...(PAGE9.page_metadata as object), page: 15 },
    );
    expect(shapeDiff(PAGE9, lastPage)).toEqual([]);
  });

  it('accepts the recorded request body as sent (subawards as a string, no sort)', async () => {
    const recorded = JSON.parse(META1.request.body) as Record<string, unknown>;
    const body = await page(sim, recorded);
    expect(body.limit).toBe(50);
    expect(body.page_metadata.page).toBe(1);
  });

  it('filters by keywords, agencies, recipient types, programs and amounts', async () => {
    const base = sim.cohortFilters(2023, 'grants');
    const all = sim.truth(base, { fields: [...FIELDS, 'CFDA Number'] });
    const test = await walk(sim, { ...base, keywords: ['test'] }, 100);
    expect(test.length).toBeGreaterThan(0);
    expect(test.length).toBeLessThan(all.length);
    for (const r of test) {
      const text = `${r.Description} ${r['Recipient Name']} ${r['Award ID']}`.toUpperCase();
      expect(text).toContain('TEST');
    }
    const dod = await walk(
      sim,
      { ...base, agencies: [{ type: 'awarding', tier: 'toptier', name: 'Department of Defense' }] },
      100,
    );
    expect(dod.length).toBe(all.filter((r) => r['Awarding Agency'] === 'Department of Defense').length);
    const army = await walk(
      sim,
      {
        ...base,
        agencies: [
          {
            type: 'awarding',
            tier: 'subtier',
            name: 'Department of the Army',
            toptier_name: 'Department of Defense',
          },
        ],
      },
      100,
    );
    expect(army.every((r) => r['Awarding Sub Agency'] === 'Department of the Army')).toBe(true);
    const universities = await walk(sim, { ...base, recipient_type_names: ['higher_education'] }, 100);
    expect(universities.length).toBeGreaterThan(0);
    expect(
      universities.every((r) =>
        /UNIVERSIT|INSTITUTE|COLLEGE|TECHNOLOGY|AGRILIFE|SCIENCE/.test(r['Recipient Name'] as string),
      ),
    ).toBe(true);
    const program = all.find((r) => r['CFDA Number'])?.['CFDA Number'] as string;
    const byProgram = await walk(sim, { ...base, program_numbers: [program] }, 100);
    expect(byProgram.length).toBe(all.filter((r) => r['CFDA Number'] === program).length);
    const big = await walk(sim, { ...base, award_amounts: [{ lower_bound: 1_000_000 }] }, 100);
    expect(big.every((r) => (r['Award Amount'] as number) >= 1_000_000)).toBe(true);
  });

  it('compares action_date to the start and date_signed to the end without a date_type', () => {
    const [fy] = sim.fiscalYears().filter((y) => y.fiscalYear === 2023);
    const { start, end } = fy as { start: string; end: string };
    const byAction = sim.count({
      award_type_codes: ['02', '03', '04', '05'],
      time_period: [{ start_date: start, end_date: end, date_type: 'action_date' }],
    });
    const overlapping = sim.count({
      award_type_codes: ['02', '03', '04', '05'],
      time_period: [{ start_date: start, end_date: end }],
    });
    expect(byAction).toBe(730);
    expect(overlapping).toBeGreaterThan(byAction);
  });

  it('answers the real errors for bad requests', async () => {
    const good = { filters: sim.cohortFilters(2023, 'grants'), fields: FIELDS, limit: 10, page: 1 };
    expect(await detail(sim, {})).toEqual([422, "Missing value: 'fields' is a required field"]);
    expect(await detail(sim, { ...good, filters: { keywords: ['test'] } })).toEqual([
      422,
      "Missing value: 'filters|award_type_codes' is a required field",
    ]);
    const [status, mixed] = await detail(sim, {
      ...good,
      filters: { ...good.filters, award_type_codes: ['A', '02'] },
    });
    expect(status).toBe(422);
    expect((mixed as { message: string }).message).toBe(
      "'award_type_codes' must only contain types from one group.",
    );
    expect(await detail(sim, { ...good, limit: 101 })).toEqual([
      422,
      "Field 'limit' value '101' is above max '100'",
    ]);
    expect(await detail(sim, { ...good, page: 0 })).toEqual([422, "Field 'page' value '0' is below min '1'"]);
    expect(await detail(sim, { ...good, order: 'up' })).toEqual([
      400,
      "Field 'order' is outside valid values ['asc', 'desc']",
    ]);
    expect(
      await detail(sim, {
        ...good,
        filters: { ...good.filters, time_period: [{ start_date: '2007-09-30', end_date: '2008-09-30' }] },
      }),
    ).toEqual([
      422,
      'start_date falls before the earliest available search date of 2007-10-01.  For data going back to 2000-10-01, use either the Custom Award Download feature on the website or one of our download or bulk_download API endpoints listed on https://api.usaspending.gov/docs/endpoints.',
    ]);
    expect(
      await detail(sim, {
        ...good,
        filters: { ...good.filters, time_period: [{ start_date: '2023/10/01' }] },
      }),
    ).toEqual([
      400,
      "Invalid value in 'filters|time_period'. '2023/10/01' is not a valid type (date). Expected format: (%Y-%m-%d)",
    ]);
    expect(await detail(sim, { ...good, filters: { ...good.filters, keywords: ['ab'] } })).toEqual([
      422,
      "Field 'filters|keywords' value 'ab' is below min '3' items",
    ]);
    expect(await detail(sim, { ...good, filters: { ...good.filters, keywords: [] } })).toEqual([
      422,
      "Field 'filters|keywords' value '[]' is below min '1' items",
    ]);
    expect(await detail(sim, { ...good, sort: 'Loan Value' })).toEqual([
      400,
      expect.stringMatching(
        /^Sort value 'Loan Value' not found in Non-Loan Assistance Award mappings: \['Award ID'/,
      ),
    ]);
    expect(await detail(sim, { ...good, sort: 'Total Outlays' })).toEqual([
      400,
      expect.stringMatching(/^Sort value 'Total Outlays' not found in requested fields: \['Award ID', /),
    ]);
    const [oneCursor, page500] = await detail(sim, { ...good, last_record_unique_id: 5 });
    expect(oneCursor).toBe(500);
    expect(page500).toContain('Server Error (500)');
  });

  it('answers "no intersection" with an empty page and names unused filters', async () => {
    const body = await page(sim, {
      filters: { award_type_codes: ['no intersection'], foo: 1 },
      fields: FIELDS,
    });
    expect(body).toEqual({
      limit: 10,
      results: [],
      page_metadata: { page: 1, hasNext: false },
      messages: [
        PAGE1.messages && (PAGE1.messages as string[])[0],
        "The following filters from the request were not used: {'foo'}. See https://api.usaspending.gov/docs/endpoints for a list of appropriate filters",
      ],
    });
  });

  it('speaks Django and DRF around the routes', async () => {
    const noSlash = await post(sim, SEARCH_PATH.slice(0, -1), {}, { redirect: 'manual' });
    expect(noSlash.status).toBe(301);
    expect(noSlash.headers.get('location')).toBe(SEARCH_PATH);
    const get = await fetch(`${sim.baseUrl}${SEARCH_PATH}`);
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ detail: 'Method "GET" not allowed.' });
    const missing = await post(sim, '/api/v2/search/nothing/', {});
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<title>Not Found</title>');
    const broken = await post(sim, SEARCH_PATH, '{"filters":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { detail: string }).detail).toMatch(/^JSON parse error/);
  });

  it('counts awards per group', async () => {
    const [fy] = sim.fiscalYears().filter((y) => y.fiscalYear === 2022);
    const { start, end, counts } = fy as { start: string; end: string; counts: Record<string, number> };
    const res = await post(sim, COUNT_PATH, {
      filters: { time_period: [{ start_date: start, end_date: end, date_type: 'action_date' }] },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Record<string, number>; spending_level: string };
    expect(body.results).toEqual(counts);
    expect(Object.keys(body.results)).toEqual([
      'contracts',
      'direct_payments',
      'grants',
      'idvs',
      'loans',
      'other',
    ]);
    expect(body.spending_level).toBe('awards');
    expect(await detail(sim, { fields: ['Award ID'] }, COUNT_PATH)).toEqual([
      400,
      "Missing required request parameters: 'filters'",
    ]);
  });

  it('renames generated_internal_id while schema drift is on', async () => {
    sim.setFaults({ schemaChange: true });
    const body = await page(sim, { filters: sim.cohortFilters(2023, 'grants'), fields: FIELDS, limit: 2 });
    expect(body.results[0]).toHaveProperty('generated_unique_award_id');
    expect(body.results[0]).not.toHaveProperty('generated_internal_id');
  });

  it('changes rows but not cohorts on mutate', async () => {
    const other = await startUsaspendingSimulator({ seed: 12, awardsPerYear: 20, rateLimit: null });
    try {
      const filters = other.cohortFilters(2022, 'contracts');
      const before = other.truth(filters, { fields: FIELDS });
      const { changed } = other.mutate({ fraction: 0.25, seed: 3 });
      expect(changed).toHaveLength(Math.round(0.25 * other.size));
      const after = await walk(other, filters, 100);
      expect(after.map((r) => r.generated_internal_id)).toEqual(before.map((r) => r.generated_internal_id));
      const moved = after.filter((r, k) => JSON.stringify(r) !== JSON.stringify(before[k]));
      expect(moved.every((r) => changed.includes(r.generated_internal_id))).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('USAspending simulator: the 50,000-row window', () => {
  const sim = sharedSimulator(() =>
    startUsaspendingSimulator({
      seed: 5,
      fiscalYears: 1,
      firstFiscalYear: 2023,
      awardsPerYear: (_fy, group) => (group === 'grants' ? 50_050 : 5),
      rateLimit: null,
    }),
  );

  it('refuses page × limit past 50,000 with the real message and pages on with the cursor fields', async () => {
    const filters = sim.cohortFilters(2023, 'grants');
    const at500 = await page(sim, { filters, fields: FIELDS, limit: 100, page: 500 });
    expect(at500.results).toHaveLength(100);
    expect(at500.page_metadata.hasNext).toBe(true);
    expect(await detail(sim, { filters, fields: FIELDS, limit: 100, page: 501 })).toEqual([
      422,
      "Page #501 with limit 100 is over the maximum result limit 50000. Please provide the 'last_record_sort_value' and 'last_record_unique_id' to paginate sequentially.",
    ]);
    const next = await page(sim, {
      filters,
      fields: FIELDS,
      limit: 100,
      page: 501,
      last_record_unique_id: at500.page_metadata.last_record_unique_id,
      last_record_sort_value: at500.page_metadata.last_record_sort_value,
    });
    expect(next.results).toHaveLength(50);
    expect(next.page_metadata).toEqual({
      page: 501,
      hasNext: false,
      last_record_unique_id: null,
      last_record_sort_value: 'None',
    });
    const truth = sim.truth(filters, { fields: FIELDS });
    expect(next.results).toEqual(truth.slice(50_000));
  });

  it('computes page-number hasNext from a capped total when asked, search_after does not', async () => {
    const capped = await startUsaspendingSimulator({
      seed: 6,
      fiscalYears: 1,
      awardsPerYear: 230,
      totalHitsCap: 100,
      rateLimit: null,
    });
    try {
      const filters = capped.cohortFilters(2022, 'grants');
      expect(await walk(capped, filters, 50, 'page')).toHaveLength(100);
      expect(await walk(capped, filters, 50, 'after')).toHaveLength(230);
    } finally {
      await capped.close();
    }
  });

  it('walks the whole cohort with search_after', async () => {
    const filters = sim.cohortFilters(2023, 'grants');
    const got = await walk(sim, filters, 100);
    expect(got).toHaveLength(50_050);
    expect(new Set(got.map((r) => r.generated_internal_id)).size).toBe(50_050);
  });
});

describe('USAspending simulator: limits and faults', () => {
  const sim = sharedSimulator(() => startUsaspendingSimulator({ seed: 9, awardsPerYear: 30 }));

  it('answers a burst with empty replies and the sustained excess with 503s', async () => {
    const body = { filters: sim.cohortFilters(2022, 'contracts'), fields: FIELDS, limit: 1 };
    const burst = await Promise.all(Array.from({ length: 14 }, () => post(sim, SEARCH_PATH, body)));
    const texts = await Promise.all(burst.map((r) => r.text()));
    const empties = burst.filter((r, k) => r.status === 200 && texts[k] === '');
    expect(empties.length).toBe(4);
    expect(sim.stats().violationsByReason.burst).toBe(4);

    sim.setRateLimit({ requests: 3, intervalMs: 60_000 });
    const statuses = [];
    for (let k = 0; k < 5; k++) {
      const res = await post(sim, SEARCH_PATH, body);
      statuses.push([res.status, res.headers.get('retry-after') !== null]);
      await res.text();
    }
    expect(statuses).toEqual([
      [200, false],
      [200, false],
      [200, false],
      [503, true],
      [503, true],
    ]);
    expect(sim.stats().violationsByReason.window).toBe(2);
  });
});
