import { describe, expect, it } from 'vitest';
import { shapeDiff } from '../../sim/shape.js';
import { FAULT_KINDS, type FaultKind } from '../../sim/types.js';
import { fixtureJson, sharedSimulator } from '../test-support.js';
import { startNihSimulator } from './index.js';
import { LIMIT_TOO_LARGE, OFFSET_TOO_LARGE } from './query.js';
import type { NihCriteria, NihProject, NihSearchResponse, NihSimulator } from './types.js';

const META_SAMPLE = fixtureJson<unknown>('nih', 'download-nih-reporter-prompt-v2-meta-envelope.PARTIAL.json');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(sim: NihSimulator, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sim.baseUrl}/v2/projects/search`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

async function page(sim: NihSimulator, body: Record<string, unknown>): Promise<NihSearchResponse> {
  const res = await send(sim, body);
  expect(res.status).toBe(200);
  return (await res.json()) as NihSearchResponse;
}

/** What an adapter does: page with offset until the total is reached. */
async function collect(
  sim: NihSimulator,
  criteria: NihCriteria,
  limit: number,
): Promise<Array<Partial<NihProject>>> {
  const out: Array<Partial<NihProject>> = [];
  for (let offset = 0; ; offset += limit) {
    const { meta, results } = await page(sim, { criteria, offset, limit });
    out.push(...results);
    if (offset + limit >= meta.total) return out;
  }
}

describe('NIH simulator: POST /v2/projects/search', () => {
  const sim = sharedSimulator(
    () => startNihSimulator({ seed: 21, weeks: 6, projectsPerWeek: (w) => 300 + 40 * w, rateLimit: null }),
    { reset: true },
  );

  it('pages to the end returning each record once, equal to truth()', async () => {
    const criteria = sim.weekCriteria(2);
    const got = await collect(sim, criteria, 100);
    const ids = got.map((r) => r.appl_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(sim.truthApplIds(criteria));
    expect(got).toEqual(sim.truth(criteria));
    const past = await page(sim, { criteria, offset: ids.length + 10, limit: 10 });
    expect(past.results).toEqual([]);
    expect(past.meta.total).toBe(ids.length);
  });

  it('answers with the real meta envelope', async () => {
    const { meta } = await page(sim, { criteria: sim.weekCriteria(0), offset: 0, limit: 1 });
    expect(shapeDiff(META_SAMPLE, { meta, results: [] }, { strictExtra: true })).toEqual([]);
    expect(meta).toMatchObject({
      offset: 0,
      limit: 1,
      sort_field: null,
      sort_order: 'ASC',
      sorted_by_relevance: false,
    });
    expect(meta.properties.URL).toBe(`https:/reporter.nih.gov/search/${meta.search_id}/projects`);
    expect(meta.search_id).toMatch(/^[\w-]{22}$/);
  });

  it('refuses limit over 500 and offset over 14,999 with the API’s messages', async () => {
    const tooMany = await send(sim, { criteria: {}, offset: 0, limit: 501 });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual([LIMIT_TOO_LARGE]);
    const tooFar = await send(sim, { criteria: {}, offset: 15_000, limit: 10 });
    expect(tooFar.status).toBe(400);
    expect(await tooFar.json()).toEqual([
      "System doesn't support offset value greater than 14,999. Please narrow down your search criteria.",
    ]);
    expect(await (await send(sim, { offset: 20_000, limit: 600 })).json()).toEqual([
      OFFSET_TOO_LARGE,
      LIMIT_TOO_LARGE,
    ]);
    expect((await send(sim, { criteria: {}, offset: 14_999, limit: 500 })).status).toBe(200);
  });

  it('refuses bodies that are not JSON, empty, or of the wrong types', async () => {
    const bad = await send(sim, '{"criteria": {');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(await bad.json()).toMatchObject({ status: 400, title: 'One or more validation errors occurred.' });
    expect((await send(sim, '')).status).toBe(400);
    const typed = await send(sim, { criteria: { fiscal_years: '2024' }, limit: 'ten' });
    expect(typed.status).toBe(400);
    const messages = (await typed.json()) as string[];
    expect(messages.some((m) => m.startsWith('criteria.fiscal_years:'))).toBe(true);
    expect(messages.some((m) => m.startsWith('limit:'))).toBe(true);
    const unknownSort = await send(sim, { criteria: {}, sort_field: 'nonsense' });
    expect(unknownSort.status).toBe(400);
    await unknownSort.text();
  });

  it('ignores criteria keys it does not know', async () => {
    const criteria = sim.weekCriteria(1);
    const plain = await page(sim, { criteria, limit: 1 });
    const extra = await page(sim, { criteria: { ...criteria, newfangled_filter: ['x'] }, limit: 1 });
    expect(extra.meta.total).toBe(plain.meta.total);
  });

  it('filters by award notice date, both ends inclusive', async () => {
    const week = sim.weeks()[3]!;
    const all = sim.truth({ award_notice_date: { from_date: week.from, to_date: week.to } });
    expect(all).toHaveLength(week.projects);
    const tuesday = all
      .find((r) => r.award_notice_date.startsWith(addDays(week.from, 1)))!
      .award_notice_date.slice(0, 10);
    const oneDay = await collect(sim, { award_notice_date: { from_date: tuesday, to_date: tuesday } }, 500);
    expect(oneDay.length).toBe(all.filter((r) => r.award_notice_date.startsWith(tuesday)).length);
    expect(oneDay.every((r) => r.award_notice_date?.startsWith(tuesday))).toBe(true);
    const rest = await page(sim, {
      criteria: { award_notice_date: { from_date: addDays(tuesday, 1), to_date: week.to } },
      limit: 1,
    });
    const mondayOnly = await page(sim, {
      criteria: { award_notice_date: { from_date: week.from, to_date: week.from } },
      limit: 1,
    });
    expect(mondayOnly.meta.total + oneDay.length + rest.meta.total).toBe(week.projects);
  });

  it('filters by activity codes (case-insensitive), keeping R01/U01 out of the SBIR cohort', async () => {
    const week = sim.weeks()[4]!;
    const window = { from_date: week.from, to_date: week.to };
    const sbir = await collect(sim, sim.weekCriteria(4), 500);
    expect(sbir.every((r) => !['R01', 'U01'].includes(r.activity_code!))).toBe(true);
    expect(sbir.length).toBeLessThan(week.projects);
    const r01 = await collect(sim, { activity_codes: ['r01'], award_notice_date: window }, 500);
    expect(r01.length).toBeGreaterThan(0);
    expect(r01.every((r) => r.activity_code === 'R01')).toBe(true);
    const none = await page(sim, { criteria: { activity_codes: ['ZZZ'] }, limit: 5 });
    expect(none.meta.total).toBe(0);
  });

  it('filters by fiscal year, appl_ids, project numbers and organization names', async () => {
    const sample = sim.truth(sim.weekCriteria(0)).slice(0, 3);
    const ids = sample.map((r) => r.appl_id);
    const byId = await page(sim, { criteria: { appl_ids: [...ids, 1] }, limit: 10 });
    expect(byId.results.map((r) => r.appl_id)).toEqual([...ids].sort((a, b) => a - b));
    const byNum = await page(sim, { criteria: { project_nums: [sample[0]!.project_num] }, limit: 10 });
    expect(byNum.results.map((r) => r.project_num)).toContain(sample[0]!.project_num);
    const name = sample[0]!.organization.org_name;
    const fragment = name.slice(2, 9).toLowerCase();
    const byOrg = await collect(sim, { org_names: [fragment] }, 500);
    expect(byOrg.length).toBeGreaterThan(0);
    expect(byOrg.every((r) => r.organization!.org_name.toLowerCase().includes(fragment))).toBe(true);
    const fy = sample[0]!.fiscal_year;
    const byFy = await page(sim, { criteria: { fiscal_years: [fy] }, limit: 1 });
    expect(byFy.meta.total).toBe(sim.count({ fiscal_years: [fy] }));
    expect(byFy.meta.total).toBeGreaterThan(0);
  });

  it('filters by agencies: administering institute abbreviations, case-insensitive', async () => {
    const criteria = sim.weekCriteria(3);
    const all = sim.truth(criteria);
    const abbreviation = all[0]!.agency_ic_admin.abbreviation;
    const got = await collect(sim, { ...criteria, agencies: [abbreviation.toLowerCase()] }, 500);
    const expected = all.filter((r) => r.agency_ic_admin.abbreviation === abbreviation).map((r) => r.appl_id);
    expect(got.map((r) => r.appl_id)).toEqual(expected);
    expect(expected.length).toBeLessThan(all.length);
    expect(sim.count({ ...criteria, agencies: [abbreviation] })).toBe(expected.length);
    const none = await page(sim, { criteria: { ...criteria, agencies: ['NOPE'] }, limit: 1 });
    expect(none.meta.total).toBe(0);
  });

  it('sorts by the asked field and order, appl_id breaking ties; appl_id ascending by default', async () => {
    const criteria = sim.weekCriteria(5);
    const defaults = await collect(sim, criteria, 500);
    expect(defaults.map((r) => r.appl_id)).toEqual(defaults.map((r) => r.appl_id).sort((a, b) => a! - b!));
    for (const [field, order] of [
      ['award_amount', 'desc'],
      ['award_notice_date', 'asc'],
      ['project_start_date', 'desc'],
      ['appl_id', 'desc'],
    ] as const) {
      const { results, meta } = await page(sim, {
        criteria,
        offset: 0,
        limit: 500,
        sort_field: field,
        sort_order: order,
      });
      expect(meta.sort_field).toBe(field);
      const key = (r: Partial<NihProject>) => {
        const v = r[field] as number | string;
        return typeof v === 'number' ? v : Date.parse(v.slice(0, 10));
      };
      for (let k = 1; k < results.length; k++) {
        const [a, b] = [results[k - 1]!, results[k]!];
        const cmp = order === 'asc' ? key(b) - key(a) : key(a) - key(b);
        expect(cmp).toBeGreaterThanOrEqual(0);
        if (cmp === 0) expect(b.appl_id! > a.appl_id!).toBe(true);
      }
    }
  });

  it('limits fields with include_fields (PascalCase) and exclude_fields', async () => {
    const criteria = sim.weekCriteria(0);
    const inc = await page(sim, {
      criteria,
      limit: 3,
      include_fields: ['ApplId', 'ProjectNum', 'AwardNoticeDate'],
    });
    for (const r of inc.results)
      expect(Object.keys(r).sort()).toEqual(['appl_id', 'award_notice_date', 'project_num']);
    const exc = await page(sim, { criteria, limit: 3, exclude_fields: ['PrefTerms', 'AbstractText'] });
    for (const r of exc.results) {
      expect(r).not.toHaveProperty('pref_terms');
      expect(r).not.toHaveProperty('abstract_text');
      expect(r).toHaveProperty('organization');
    }
  });

  it('answers unknown paths 404 and GET 405 with empty bodies, as ASP.NET does', async () => {
    const missing = await fetch(`${sim.baseUrl}/v2/projects/searchh`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('');
    const get = await fetch(`${sim.baseUrl}/v2/projects/search`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('injects each fault kind where a plain fetch client can see it', async () => {
    sim.setFaults({ timeoutMs: 200, slowMs: 100 });
    const body = { criteria: sim.weekCriteria(0), limit: 5 };
    const observed: Partial<Record<FaultKind, string>> = {};
    for (const kind of FAULT_KINDS) {
      sim.injectNext(kind);
      const t0 = performance.now();
      try {
        const res = await send(sim, body, kind === 'timeout' ? { signal: AbortSignal.timeout(100) } : {});
        const text = await res.text();
        let parsed = 'json';
        try {
          JSON.parse(text);
        } catch {
          parsed = text === '' ? 'empty' : text.startsWith('<') ? 'html' : 'invalid';
        }
        observed[kind] = `${res.status} ${parsed}${performance.now() - t0 >= 90 ? ' late' : ''}`;
      } catch (error) {
        observed[kind] = `error ${(error as Error).name}`;
      }
    }
    expect(observed).toEqual({
      http500: '500 json',
      http502: '502 html',
      http503: '503 html',
      html500: '500 html',
      timeout: 'error TimeoutError',
      reset: 'error TypeError',
      truncated: 'error TypeError',
      malformed: '200 invalid',
      emptyBody: '200 empty',
      slow: '200 json late',
    });
    expect(Object.values(sim.stats().faultsInjected).every((n) => n >= 1)).toBe(true);
  });

  it('renames appl_id to application_id under schemaChange', async () => {
    sim.setFaults({ schemaChange: true });
    const { results } = await page(sim, { criteria: sim.weekCriteria(0), limit: 3 });
    for (const r of results) {
      expect(r).not.toHaveProperty('appl_id');
      expect(r).toHaveProperty('application_id');
    }
  });
});

describe('NIH simulator: rate limit', () => {
  it('allows 1 request per second by default: 429, Retry-After, and a counted violation', async () => {
    const sim = await startNihSimulator({ weeks: 1, projectsPerWeek: 20 });
    try {
      const body = { criteria: {}, limit: 5 };
      const first = await send(sim, body);
      expect(first.status).toBe(200);
      // The gateway's headers, as RePORTER sends them, while 1 a second is enforced.
      expect(first.headers.get('x-rate-limit-limit')).toBe('1m');
      expect(first.headers.get('x-rate-limit-remaining')).toBe('199');
      const reset = Date.parse(first.headers.get('x-rate-limit-reset')!);
      expect(reset - Date.now()).toBeGreaterThan(50_000);
      expect(reset - Date.now()).toBeLessThanOrEqual(60_000);
      await first.text();
      const second = await send(sim, body);
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(await second.text()).toBe('API calls quota exceeded! maximum admitted 1 per 1s.');
      expect(sim.stats().violations).toBe(1);
      await sleep(1000);
      const third = await send(sim, body);
      expect(third.status).toBe(200);
      // Only accepted requests count against the gateway's minute, in the same window.
      expect(third.headers.get('x-rate-limit-remaining')).toBe('198');
      expect(third.headers.get('x-rate-limit-reset')).toBe(first.headers.get('x-rate-limit-reset'));
      expect(sim.stats()).toMatchObject({ requests: 3, violations: 1, throttled: 1 });
    } finally {
      await sim.close();
    }
  });

  it('a client that keeps to a faster configured limit never violates it', async () => {
    const sim = await startNihSimulator({
      weeks: 2,
      projectsPerWeek: 250,
      rateLimit: { requests: 5, intervalMs: 200 },
    });
    try {
      const criteria = sim.weekCriteria(1);
      const ids: number[] = [];
      for (let offset = 0; offset < sim.count(criteria); offset += 20) {
        const { results } = await page(sim, { criteria, offset, limit: 20 });
        ids.push(...results.map((r) => r.appl_id!));
        await sleep(45);
      }
      expect(ids).toEqual(sim.truthApplIds(criteria));
      expect(sim.stats().violations).toBe(0);
    } finally {
      await sim.close();
    }
  });
});

describe('NIH simulator: result order', () => {
  const ids = (page: NihSearchResponse) => page.results.map((r) => r.appl_id!);
  const ascending = (list: number[]) => list.every((id, k) => k === 0 || id > list[k - 1]!);

  it('relevance: ignores sort_field, one seeded order per criteria set, paging covers each project once', async () => {
    const sim = await startNihSimulator({
      seed: 31,
      weeks: 2,
      projectsPerWeek: 300,
      rateLimit: null,
      resultOrder: 'relevance',
    });
    try {
      const criteria = sim.weekCriteria(1);
      const body = { criteria, limit: 50, sort_field: 'appl_id', sort_order: 'asc' };
      const first = await page(sim, { ...body, offset: 0 });
      expect(ascending(ids(first))).toBe(false);
      expect(first.meta).toMatchObject({ sort_field: 'appl_id', sorted_by_relevance: true });
      expect(ids(await page(sim, { ...body, offset: 0 }))).toEqual(ids(first));
      expect(ids(await page(sim, { ...body, offset: 0, sort_field: 'award_amount' }))).toEqual(ids(first));
      const all: number[] = [];
      for (let offset = 0; offset < first.meta.total; offset += 50) {
        all.push(...ids(await page(sim, { ...body, offset })));
      }
      expect([...all].sort((a, b) => a - b)).toEqual(sim.truthApplIds(criteria));
      // Another criteria set has its own order; asking in order again restores the sort.
      sim.setResultOrder('asked');
      const sorted = await page(sim, { ...body, offset: 0 });
      expect(ascending(ids(sorted))).toBe(true);
      expect(sorted.meta.sorted_by_relevance).toBe(false);
    } finally {
      await sim.close();
    }
  });

  it('shuffled: a new order on every request, the same total', async () => {
    const sim = await startNihSimulator({ seed: 32, weeks: 1, projectsPerWeek: 200, rateLimit: null });
    try {
      sim.setResultOrder('shuffled');
      const body = { criteria: sim.weekCriteria(0), offset: 0, limit: 500, sort_field: 'appl_id' };
      const a = await page(sim, body);
      const b = await page(sim, body);
      expect(ids(a)).not.toEqual(ids(b));
      expect([...ids(a)].sort((x, y) => x - y)).toEqual([...ids(b)].sort((x, y) => x - y));
      expect(b.meta.total).toBe(a.meta.total);
    } finally {
      await sim.close();
    }
  });
});

describe('NIH simulator: cohorts past the offset wall', () => {
  it('reports the true total of a huge week while offset stops at 14,999', async () => {
    const sim = await startNihSimulator({ weeks: 2, projectsPerWeek: 50, hugeWeeks: [1], rateLimit: null });
    try {
      const criteria = sim.weekCriteria(1);
      const first = await page(sim, { criteria, offset: 0, limit: 1 });
      expect(first.meta.total).toBeGreaterThan(15_500);
      expect(first.meta.total).toBe(sim.count(criteria));
      const last = await page(sim, { criteria, offset: 14_999, limit: 500 });
      expect(last.results).toHaveLength(500);
      expect((await send(sim, { criteria, offset: 15_499, limit: 500 })).status).toBe(400);
    } finally {
      await sim.close();
    }
  });
});

describe('NIH simulator: mutate', () => {
  it('changes what a re-fetch returns for exactly the mutated projects', async () => {
    const sim = await startNihSimulator({ seed: 3, weeks: 3, projectsPerWeek: 200, rateLimit: null });
    try {
      const criteria = {
        award_notice_date: { from_date: sim.weeks()[0]!.from, to_date: sim.weeks()[2]!.to },
      };
      const before = await collect(sim, criteria, 500);
      const { changed } = sim.mutate({ fraction: 0.05, seed: 1 });
      expect(changed).toHaveLength(30);
      const after = await collect(sim, criteria, 500);
      const differs = after
        .filter((r, k) => JSON.stringify(r) !== JSON.stringify(before[k]))
        .map((r) => r.appl_id);
      expect(differs).toEqual(changed);
      expect(after).toEqual(sim.truth(criteria));
      expect(sim.project(changed[0]!)?.award_amount).not.toBe(
        before.find((r) => r.appl_id === changed[0])?.award_amount,
      );
      expect(() => sim.mutate({ fraction: 2, seed: 1 })).toThrow(RangeError);
    } finally {
      await sim.close();
    }
  });
});

function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
