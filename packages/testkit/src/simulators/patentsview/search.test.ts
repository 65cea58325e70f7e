import { describe, expect, it } from 'vitest';
import { shapeDiff } from '../../sim/shape.js';
import { fixtureJson, fixtureText, sharedSimulator } from '../test-support.js';
import { PATENTSVIEW_SIM_API_KEY, startPatentsViewSimulator } from './index.js';
import { NULLABLE_PATHS } from './test-paths.js';
import type { PatentsViewResponse, PatentsViewSimulator } from './types.js';

const PAGE_SAMPLE = fixtureJson<{ patents: Array<Record<string, unknown>> }>(
  'patentsview',
  'mustberuss-vcr-after-paging-page1.response.json',
);
const PAGE_META = fixtureJson<{ request: { uri: string } }>(
  'patentsview',
  'mustberuss-vcr-after-paging-page1.interaction-meta.json',
);
const EMPTY_SAMPLE = fixtureText('patentsview', 'mustberuss-vcr-post-empty-result.response.json');
const EMPTY_META = fixtureJson<{ request: { body: string } }>(
  'patentsview',
  'mustberuss-vcr-post-empty-result.interaction-meta.json',
);
const HTML_500 = fixtureText('patentsview', 'mustberuss-vcr-ipc-500-error.response.html');

interface Params {
  q?: unknown;
  f?: unknown;
  s?: unknown;
  o?: unknown;
}

function get(sim: PatentsViewSimulator, params: Params, key: string | null = sim.apiKey): Promise<Response> {
  const query = new URLSearchParams();
  for (const name of ['q', 'f', 's', 'o'] as const) {
    const value = params[name];
    if (value !== undefined) query.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return fetch(`${sim.baseUrl}/api/v1/patent/?${query}`, { headers: key ? { 'x-api-key': key } : {} });
}

function post(sim: PatentsViewSimulator, body: unknown, key: string | null = sim.apiKey): Promise<Response> {
  return fetch(`${sim.baseUrl}/api/v1/patent/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function page(sim: PatentsViewSimulator, params: Params): Promise<PatentsViewResponse> {
  const res = await get(sim, params);
  expect(res.status, res.headers.get('x-status-reason') ?? '').toBe(200);
  return (await res.json()) as PatentsViewResponse;
}

async function rejected(res: Response): Promise<string> {
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: true });
  expect(res.headers.get('x-status-reason-code')).toBe('ERR_Q');
  return res.headers.get('x-status-reason') ?? '';
}

/** What an adapter does: sort on patent_id, page with the last id as `after` until a short page. */
async function collect(sim: PatentsViewSimulator, q: unknown, size: number, extra: Params = {}) {
  const ids: string[] = [];
  let after: unknown;
  for (let pages = 0; pages < 1000; pages++) {
    const body = await page(sim, {
      q,
      f: ['patent_id', 'patent_date'],
      s: [{ patent_id: 'asc' }],
      o: { size, ...(after === undefined ? {} : { after }) },
      ...extra,
    });
    expect(body.count).toBe(body.patents.length);
    ids.push(...body.patents.map((p) => p.patent_id as string));
    if (body.count < size) return { ids, pages: pages + 1 };
    after = body.patents.at(-1)?.patent_id;
  }
  throw new Error('did not end');
}

describe('PatentsView simulator: /api/v1/patent/', () => {
  const sim = sharedSimulator(
    () =>
      startPatentsViewSimulator({
        seed: 7,
        startMonth: '2024-01',
        months: 3,
        patentsPerMonth: (m) => [2300, 450, 1000][m]!,
        withdrawnShare: 0.01,
        rateLimit: null,
      }),
    { reset: true },
  );

  it('pages a grant month with after = the last patent_id, every patent once, equal to truth()', async () => {
    const month = sim.months()[0]!;
    const truth = sim.truthIds(month.month);
    expect(truth.length).toBe(month.patents - month.withdrawn);
    const { ids, pages } = await collect(sim, sim.monthQuery(month.month), 1000);
    expect(pages).toBe(3);
    expect(ids).toEqual(truth);
    const first = await page(sim, { q: sim.monthQuery(month.month), o: { size: 1 } });
    expect(first.total_hits).toBe(truth.length);
  });

  it('ends a month of exactly one page with an empty page, count 0', async () => {
    const month = sim.months()[2]!;
    const truth = sim.truthIds(month.month);
    const full = await page(sim, { q: sim.monthQuery(month.month), o: { size: truth.length } });
    expect(full.count).toBe(truth.length);
    const past = await page(sim, {
      q: sim.monthQuery(month.month),
      o: { size: truth.length, after: truth.at(-1) },
    });
    expect(past).toEqual({ error: false, count: 0, total_hits: truth.length, patents: [] });
  });

  it('answers the recorded GET request with the recorded envelope and record shape', async () => {
    const old = await startPatentsViewSimulator({ startMonth: '2000-01', months: 1, patentsPerMonth: 600 });
    try {
      const query = PAGE_META.request.uri.slice(PAGE_META.request.uri.indexOf('?'));
      const res = await fetch(`${old.baseUrl}/api/v1/patent/${query}`, {
        headers: { 'x-api-key': old.apiKey },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
      const body = (await res.json()) as PatentsViewResponse;
      expect(Object.keys(body)).toEqual(['error', 'count', 'total_hits', 'patents']);
      expect(body.count).toBe(100);
      expect(body.patents[0]!.patent_id).toBe('6009555');
      expect(
        shapeDiff(PAGE_SAMPLE, body, { nullable: NULLABLE_PATHS.map((path) => `patents[].${path}`) }),
      ).toEqual([]);
      const withAssignees = PAGE_SAMPLE.patents.find((p) => 'assignees' in p)!;
      const without = PAGE_SAMPLE.patents.find((p) => !('assignees' in p))!;
      for (const patent of body.patents) {
        const sample = 'assignees' in patent ? withAssignees : without;
        expect(shapeDiff(sample, patent, { strictExtra: true, nullable: NULLABLE_PATHS })).toEqual([]);
      }
    } finally {
      await old.close();
    }
  });

  it('hides withdrawn patents unless exclude_withdrawn is false: the recorded empty POST, byte for byte', async () => {
    const month = sim.months()[0]!;
    const all = sim.truthIds(month.month, { includeWithdrawn: true });
    const shown = new Set(sim.truthIds(month.month));
    const withdrawn = all.filter((id) => !shown.has(id)).slice(0, 3);
    expect(withdrawn).toHaveLength(3);
    // The recorded body with this dataset's withdrawn ids in place of the real ones.
    const recorded = JSON.parse(EMPTY_META.request.body) as { q: unknown; f: string[]; o: object };
    const body = { ...recorded, q: { _or: withdrawn.map((id) => ({ _eq: { patent_id: id } })) } };
    const res = await post(sim, body);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(EMPTY_SAMPLE);
    const asked = await post(sim, { ...body, o: { ...body.o, exclude_withdrawn: false } });
    const found = (await asked.json()) as PatentsViewResponse;
    expect(found.patents.map((p) => p.patent_id)).toEqual(withdrawn);
    // Asking for withdrawn patents in the query overrides the default too.
    const inQuery = await page(sim, {
      q: { _and: [{ withdrawn: true }, sim.monthQuery(month.month)] },
      o: { size: 1000 },
    });
    expect(inQuery.total_hits).toBe(month.withdrawn);
  });

  it('refuses a missing or unknown X-Api-Key with 403, before the rate limit counts', async () => {
    sim.setRateLimit({ requests: 1, intervalMs: 60_000 });
    sim.resetStats();
    for (const key of [null, 'nope.nope']) {
      const res = await get(sim, { q: { patent_id: '1' } }, key);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ detail: 'Authentication credentials were not provided.' });
    }
    expect((await get(sim, { q: { patent_id: '1' } })).status).toBe(200);
    expect(sim.stats().violations).toBe(0);
    expect(PATENTSVIEW_SIM_API_KEY).toBe(sim.apiKey);
  });

  it('throttles per key with 429, Retry-After and DRF’s message', async () => {
    sim.setRateLimit({ requests: 3, intervalMs: 2000 });
    for (let i = 0; i < 3; i++) expect((await get(sim, { q: { patent_id: '1' } })).status).toBe(200);
    const res = await get(sim, { q: { patent_id: '1' } });
    expect(res.status).toBe(429);
    const wait = Number(res.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(2);
    expect(await res.json()).toEqual({
      detail: `Request was throttled. Expected available in ${wait} second${wait === 1 ? '' : 's'}.`,
    });
    expect(sim.stats().violations).toBeGreaterThan(0);
  });

  it('gives reasons for bad requests in X-Status-Reason, as the API does', async () => {
    const q = { patent_id: '1' };
    expect(await rejected(await get(sim, { f: ['patent_id'] }))).toBe('Query String is missing');
    expect(await rejected(await get(sim, { q: '{"_eq":' }))).toBe("Invalid JSON in 'q' parameter");
    expect(await rejected(await get(sim, { q, f: '["patent_id"' }))).toBe("Invalid JSON in 'f' parameter");
    expect(await rejected(await get(sim, { q: {} }))).toBe('Query String is missing');
    expect(await rejected(await get(sim, { q: { patent_id: '1', patent_date: '2024-01-02' } }))).toBe(
      "Query string should have only one 'key-value' pair",
    );
    expect(await rejected(await get(sim, { q, f: ['shoe_size'] }))).toBe('Invalid field: shoe_size');
    expect(await rejected(await get(sim, { q, f: ['patent_date.year'] }))).toBe(
      'Invalid field: patent_date.year. patent_date is not a nested field',
    );
    expect(await rejected(await get(sim, { q, s: [{ shoe_size: 'asc' }] }))).toBe('Invalid field: shoe_size');
    expect(await rejected(await get(sim, { q, s: ['patent_id'] }))).toBe("'s' parameter invalid");
    expect(await rejected(await get(sim, { q, o: { after: ['1', '2'] } }))).toBe(
      "Sort option had 1 elements but 'after' had 2",
    );
    expect(await rejected(await get(sim, { q, o: { offset: 100 } }))).toBe(
      "'offset' has been replaces with 'after' parameter.",
    );
    expect(await rejected(await get(sim, { q, o: { exclude_withdrawn: 'maybe' } }))).toBe(
      "'exclude_withdrawn' option provided with non-boolean value: maybe",
    );
    expect(await rejected(await get(sim, { q: { _gte: { patent_date: '2024-13-45' } } }))).toBe(
      'Invalid date supplied in query',
    );
    expect(await rejected(await get(sim, { q: { shoe_size: 9 } }))).toBe('Invalid field: shoe_size');
    expect(await rejected(await get(sim, { q: [{ patent_id: '1' }] }))).toBe(
      'Invalid API Query Syntax (JSON rules not violated)',
    );
    expect(await rejected(await post(sim, '{"q": {'))).toMatch(/^JSON parse error - /);
    expect(await rejected(await post(sim, JSON.stringify('{"q":{}}')))).toBe(
      'POST method expects JSON objects in the body. Found string representation of JSON instead ',
    );
    expect(await rejected(await post(sim, { f: ['patent_id'] }))).toBe('Query String is missing');
  });

  it('treats size over 1,000 as 1,000 (documented), or refuses it when told to', async () => {
    const q = sim.monthQuery(sim.months()[0]!.month);
    expect((await page(sim, { q, o: { size: 5000 } })).count).toBe(1000);
    expect((await page(sim, { q })).count).toBe(100);
    const strict = await startPatentsViewSimulator({
      months: 1,
      patentsPerMonth: 10,
      oversizedPage: 'reject',
    });
    try {
      const res = await get(strict, { q: { patent_id: '1' }, o: { size: 1001 } });
      expect(await rejected(res)).toBe("'size' option cannot exceed 1000");
      expect((await get(strict, { q: { patent_id: '1' }, o: { size: 1000 } })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('filters with _eq, _gt, _lt, _neq, _and, _or and value lists on patent_date and patent_id', async () => {
    const month = sim.months()[1]!;
    const [t1, t2] = month.tuesdays;
    const truth = sim.truth(month.month);
    const onT1 = truth.filter((p) => p.patent_date === t1).map((p) => p.patent_id);
    const count = async (q: unknown) => (await page(sim, { q, o: { size: 1 } })).total_hits;
    expect(await count({ _eq: { patent_date: t1 } })).toBe(onT1.length);
    expect(await count({ patent_date: t1 })).toBe(onT1.length);
    expect(await count({ patent_date: [t1, t2] })).toBe(truth.filter((p) => p.patent_date <= t2!).length);
    expect(await count({ _and: [{ _gt: { patent_date: month.first } }, { _lt: { patent_date: t2 } }] })).toBe(
      onT1.length,
    );
    expect(await count({ _and: [sim.monthQuery(month.month), { _neq: { patent_date: t1 } }] })).toBe(
      truth.length - onT1.length,
    );
    expect(
      await count({ _or: [{ patent_id: onT1[0] }, { _eq: { patent_id: onT1[1] } }, { patent_id: 'nope' }] }),
    ).toBe(2);
    expect(await count({ _and: [{ patent_type: 'design' }, sim.monthQuery(month.month)] })).toBe(
      truth.filter((p) => p.patent_type === 'design').length,
    );
    expect(await count({ _begins: { patent_id: 'D' } })).toBe(
      sim
        .months()
        .reduce((n, m) => n + sim.truth(m.month).filter((p) => p.patent_type === 'design').length, 0),
    );
  });

  it('sorts on patent_id descending and on patent_date with a list as after', async () => {
    const month = sim.months()[1]!;
    const q = sim.monthQuery(month.month);
    const truth = sim.truthIds(month.month);
    const desc = await page(sim, { q, s: [{ patent_id: 'desc' }], o: { size: 1000 } });
    expect(desc.patents.map((p) => p.patent_id)).toEqual([...truth].reverse());

    const s = [{ patent_date: 'desc' }, { patent_id: 'asc' }];
    const seen: Array<Partial<{ patent_id: string; patent_date: string }>> = [];
    let after: unknown[] | undefined;
    for (;;) {
      const body = await page(sim, {
        q,
        f: ['patent_id', 'patent_date'],
        s,
        o: { size: 70, ...(after ? { after } : {}) },
      });
      seen.push(...(body.patents as typeof seen));
      if (body.count < 70) break;
      const last = body.patents.at(-1)!;
      after = [last.patent_date, last.patent_id];
    }
    expect(seen.map((p) => p.patent_id).sort()).toEqual([...truth].sort());
    const dates = seen.map((p) => p.patent_date!);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('skips ties past after when the sort is not unique, as search_after does', async () => {
    const month = sim.months()[1]!;
    const q = sim.monthQuery(month.month);
    const first = await page(sim, {
      q,
      f: ['patent_id', 'patent_date'],
      s: [{ patent_date: 'asc' }],
      o: { size: 10 },
    });
    const next = await page(sim, {
      q,
      f: ['patent_id', 'patent_date'],
      s: [{ patent_date: 'asc' }],
      o: { size: 10, after: first.patents.at(-1)!.patent_date },
    });
    expect(next.patents[0]!.patent_date! > first.patents.at(-1)!.patent_date!).toBe(true);
  });

  it('projects f: scalars asked for, whole or partial groups, and always the five hyperlinked groups', async () => {
    const q = sim.monthQuery(sim.months()[0]!.month);
    const body = await page(sim, {
      q,
      f: ['patent_title', 'patent_id', 'application.filing_date', 'examiners'],
      o: { size: 30 },
    });
    for (const p of body.patents) {
      const keys = Object.keys(p);
      expect(keys.slice(0, 2)).toEqual(['patent_id', 'patent_title']);
      expect(keys).toContain('inventors');
      expect(keys).toContain('cpc_current');
      expect(keys).not.toContain('patent_date');
      expect(Object.keys(p.application![0]!)).toEqual(['filing_date']);
      expect(Object.keys(p.examiners![0]!)).toContain('art_group');
    }
    const defaults = await page(sim, { q, o: { size: 1 } });
    expect(Object.keys(defaults.patents[0]!).slice(0, 3)).toEqual([
      'patent_id',
      'patent_title',
      'patent_date',
    ]);
  });

  it('pads patent ids when pad_patent_id is true', async () => {
    const month = sim.months()[0]!;
    const body = await page(sim, {
      q: sim.monthQuery(month.month),
      f: ['patent_id'],
      o: { size: 1000, pad_patent_id: true },
      s: [{ patent_id: 'desc' }],
    });
    expect(body.patents.every((p) => (p.patent_id as string).length === 8)).toBe(true);
    const design = body.patents.find((p) => (p.patent_id as string).startsWith('D'))!;
    expect((await page(sim, { q: { patent_id: design.patent_id }, o: { pad_patent_id: true } })).count).toBe(
      1,
    );
  });

  it('answers what Django and nginx answer around the view', async () => {
    const unknown = await fetch(`${sim.baseUrl}/api/v1/patents/`, { headers: { 'x-api-key': sim.apiKey } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('<title>Not Found</title>');
    const slashless = await fetch(`${sim.baseUrl}/api/v1/patent?q=%7B%7D`, { redirect: 'manual' });
    expect(slashless.status).toBe(301);
    expect(slashless.headers.get('location')).toBe('/api/v1/patent/?q=%7B%7D');
    const put = await fetch(`${sim.baseUrl}/api/v1/patent/`, {
      method: 'PUT',
      headers: { 'x-api-key': sim.apiKey },
    });
    expect(put.status).toBe(405);
    expect(await put.json()).toEqual({ detail: 'Method "PUT" not allowed.' });
    expect(put.headers.get('server')).toBe('nginx');
  });

  it('serves the recorded Django 500 page byte for byte, and renames patent_id under schema drift', async () => {
    sim.injectNext('html500');
    const res = await get(sim, { q: { patent_id: '1' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(HTML_500);
    sim.injectNext('http500');
    const es = await get(sim, { q: { patent_id: '1' } });
    expect(es.status).toBe(500);
    expect(es.headers.get('x-status-reason-code')).toBe('ERR_ES');
    await es.text();
    sim.setFaults({ schemaChange: true });
    const drifted = await page(sim, { q: sim.monthQuery(sim.months()[0]!.month), o: { size: 2 } });
    expect(drifted.patents[0]).toHaveProperty('patent_number');
    expect(drifted.patents[0]).not.toHaveProperty('patent_id');
    expect(sim.stats().handlerErrors).toBe(0);
  });

  it('sees mutations on the next read, with no patent changing month', async () => {
    const local = await startPatentsViewSimulator({ months: 2, patentsPerMonth: 120, rateLimit: null });
    try {
      const month = local.months()[0]!.month;
      const before = await page(local, {
        q: local.monthQuery(month),
        f: ['patent_id', 'patent_num_times_cited_by_us_patents'],
        o: { size: 1000 },
      });
      const { changed } = local.mutate({ fraction: 0.25, seed: 1 });
      const after = await page(local, {
        q: local.monthQuery(month),
        f: ['patent_id', 'patent_num_times_cited_by_us_patents'],
        o: { size: 1000 },
      });
      expect(after.patents.map((p) => p.patent_id)).toEqual(before.patents.map((p) => p.patent_id));
      const differ = after.patents.filter((p, i) => JSON.stringify(p) !== JSON.stringify(before.patents[i]));
      expect(differ.length).toBeGreaterThan(0);
      expect(differ.every((p) => changed.includes(p.patent_id as string))).toBe(true);
    } finally {
      await local.close();
    }
  });
});
