import { beforeEach, describe, expect, it } from 'vitest';
import { sharedSimulator } from '../test-support.js';
import { SbirDataset } from './dataset.js';
import { startSbirSimulator } from './index.js';
import { MAX_ROWS } from './query.js';
import type { SbirAward, SbirQuery, SbirSimulator } from './types.js';
import { SBIR_AGENCIES } from './vocab.js';

const FIELDS = [
  'firm',
  'award_title',
  'agency',
  'branch',
  'phase',
  'program',
  'agency_tracking_number',
  'contract',
  'proposal_award_date',
  'contract_end_date',
  'solicitation_number',
  'solicitation_year',
  'topic_code',
  'award_year',
  'award_amount',
  'uei',
  'duns',
  'hubzone_owned',
  'socially_economically_disadvantaged',
  'women_owned',
  'number_employees',
  'company_url',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
  'poc_name',
  'poc_title',
  'poc_phone',
  'poc_email',
  'pi_name',
  'pi_title',
  'pi_phone',
  'pi_email',
  'ri_name',
  'ri_poc_name',
  'ri_poc_phone',
  'research_area_keywords',
  'abstract',
  'award_link',
];

function get(sim: SbirSimulator, params: Record<string, string | number>, path = '/public/api/awards') {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  return fetch(`${sim.baseUrl}${path}?${query}`);
}

async function page(sim: SbirSimulator, params: Record<string, string | number>): Promise<SbirAward[]> {
  const res = await get(sim, params);
  expect(res.status).toBe(200);
  return (await res.json()) as SbirAward[];
}

/** What an adapter does: page with `start` until a page comes back shorter than `rows`. */
async function collect(sim: SbirSimulator, query: SbirQuery, rows: number): Promise<SbirAward[]> {
  const out: SbirAward[] = [];
  for (let start = 0; ; start += rows) {
    const awards = await page(sim, { ...query, rows, start });
    out.push(...awards);
    if (awards.length < rows) return out;
  }
}

describe('SbirDataset', () => {
  it('is the same for the same seed and different for another', () => {
    const a = new SbirDataset({ seed: 3, years: 2 });
    const b = new SbirDataset({ seed: 3, years: 2 });
    const c = new SbirDataset({ seed: 4, years: 2 });
    expect(JSON.stringify(a.awards)).toBe(JSON.stringify(b.awards));
    expect(JSON.stringify(a.awards)).not.toBe(JSON.stringify(c.awards));
  });

  it('lays out (year, agency) groups of the asked sizes, in award_link order, with unique identifiers', () => {
    const ds = new SbirDataset({
      firstYear: 2019,
      years: 2,
      agencies: ['DOD', 'NSF', 'EPA'],
      awardsPerAgencyYear: (year, agency) => (agency === 'EPA' ? 0 : year - 2000),
    });
    expect(ds.groups).toEqual([
      { year: 2019, agency: 'DOD', awards: 19 },
      { year: 2019, agency: 'NSF', awards: 19 },
      { year: 2019, agency: 'EPA', awards: 0 },
      { year: 2020, agency: 'DOD', awards: 20 },
      { year: 2020, agency: 'NSF', awards: 20 },
      { year: 2020, agency: 'EPA', awards: 0 },
    ]);
    expect(ds.size).toBe(78);
    const links = ds.awards.map((a) => a.award_link);
    expect(links).toEqual([...links].sort((x, y) => x - y));
    expect(new Set(links).size).toBe(links.length);
    const ids = ds.awards.map((a) => `${a.agency}|${a.agency_tracking_number}|${a.contract}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('builds records with every field of the real API and plausible values', () => {
    const ds = new SbirDataset({ seed: 9 });
    expect(ds.size).toBeGreaterThan(300);
    for (const award of ds.awards) {
      expect(Object.keys(award)).toEqual(FIELDS);
      expect(SBIR_AGENCIES).toContain(award.agency);
      expect(award.award_amount).toMatch(/^[0-9]+\.0000$/);
      expect(award.proposal_award_date.slice(0, 4)).toBe(String(award.award_year));
      expect(award.contract_end_date > award.proposal_award_date).toBe(true);
      expect(award.uei).toMatch(/^[1-9A-HJ-NP-Z][0-9A-HJ-NP-Z]{11}$/);
      // STTR awards name a research institution; SBIR awards do not.
      expect(award.ri_name === null).toBe(award.program === 'SBIR');
    }
    expect(new Set(ds.awards.map((a) => a.phase))).toEqual(new Set(['Phase I', 'Phase II']));
  });

  it('mutates exactly round(fraction × size) awards, never their year, agency or identifiers', () => {
    const ds = new SbirDataset({ seed: 5 });
    const before = ds.awards.map((a) => ({ ...a }));
    const { changed } = ds.mutate({ fraction: 0.1, seed: 1 });
    expect(changed).toHaveLength(Math.round(0.1 * ds.size));
    const changedSet = new Set(changed);
    ds.awards.forEach((after, i) => {
      const old = before[i] as SbirAward;
      const { award_amount, contract_end_date, ...rest } = after;
      const { award_amount: oldAmount, contract_end_date: oldEnd, ...oldRest } = old;
      expect(rest).toEqual(oldRest);
      if (changedSet.has(after.award_link)) {
        expect(award_amount).not.toBe(oldAmount);
        expect(contract_end_date > oldEnd).toBe(true);
      } else {
        expect(after).toEqual(old);
      }
    });
  });
});

describe('SBIR simulator: GET /public/api/awards', () => {
  const sim = sharedSimulator(
    () =>
      startSbirSimulator({
        seed: 11,
        awardsPerAgencyYear: (year, agency) => (agency === 'DOD' ? 230 : 7 + (year % 5)),
        rateLimit: null,
      }),
    { reset: true },
  );
  beforeEach(() => sim.resetStats());

  it('pages with rows and start to the end, each award once, equal to truth()', async () => {
    const query = { agency: 'DOD', year: 2023 };
    const got = await collect(sim, query, 50);
    expect(got).toHaveLength(230);
    expect(got).toEqual(sim.truth(query));
    expect(new Set(got.map((a) => a.award_link)).size).toBe(230);
    expect(await page(sim, { ...query, rows: 10, start: 230 })).toEqual([]);
  });

  it('answers a bare JSON array with no total, 100 awards when rows is left out', async () => {
    const res = await get(sim, { agency: 'DOD', year: 2022 });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as unknown;
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(100);
    expect(await page(sim, { agency: 'DOD', year: 2022, rows: 0 })).toEqual([]);
  });

  it('filters by agency (any case), year, company and research institution', async () => {
    const all = sim.truth();
    expect(await page(sim, { agency: 'nsf', year: 2024, rows: 100 })).toEqual(
      all.filter((a) => a.agency === 'NSF' && a.award_year === 2024),
    );
    const firm = all[0]!.firm;
    const word = firm.split(/[ ,]/)[0]!.toLowerCase();
    const byCompany = await page(sim, { company: word, rows: MAX_ROWS });
    expect(byCompany.length).toBeGreaterThan(0);
    expect(byCompany).toEqual(all.filter((a) => a.firm.toLowerCase().includes(word)));
    const sttr = all.find((a) => a.ri_name !== null)!;
    const byInstitution = await page(sim, { research_institution: sttr.ri_name!, rows: MAX_ROWS });
    expect(byInstitution).toEqual(all.filter((a) => a.ri_name === sttr.ri_name));
    expect(await page(sim, { agency: 'NOPE', rows: 10 })).toEqual([]);
    expect(await page(sim, { year: 1999, rows: 10 })).toEqual([]);
    expect(sim.count({ agency: 'DOD' })).toBe(690);
  });

  it('refuses rows over 5000 and malformed rows, start or year with 400 and a message', async () => {
    for (const [params, message] of [
      [{ rows: MAX_ROWS + 1 }, 'rows must not be greater than 5000'],
      [{ rows: -1 }, 'rows must be a whole number from 0 to 5000'],
      [{ rows: 'ten' }, 'rows must be a whole number from 0 to 5000'],
      [{ start: -5 }, 'start must be a whole number, 0 or more'],
      [{ year: '24' }, 'year must be a four-digit year'],
    ] as const) {
      const res = await get(sim, params);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(await res.json()).toEqual({ message });
    }
    expect(await page(sim, { rows: MAX_ROWS, unknown: 'ignored' })).toHaveLength(sim.size);
  });

  it('answers unknown paths and other methods with 403, as the gateway does', async () => {
    const wrongPath = await get(sim, {}, '/public/api/award');
    expect(wrongPath.status).toBe(403);
    expect(await wrongPath.json()).toEqual({ message: 'Forbidden' });
    const post = await fetch(`${sim.baseUrl}/public/api/awards`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(403);
  });

  it('throttles past its rate limit with 429, Retry-After and a JSON message, counting violations', async () => {
    sim.setRateLimit({ requests: 3, intervalMs: 60_000 });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await get(sim, { rows: 1 });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(await last!.json()).toEqual({ message: 'Too Many Requests' });
    expect(sim.stats().violations).toBe(2);
  });

  it('limits 60 requests a minute by default', async () => {
    const limited = await startSbirSimulator({ years: 1, awardsPerAgencyYear: 1 });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 61 }, () => get(limited, { rows: 1 }).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(60);
      expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('renames agency_tracking_number when schema drift is on', async () => {
    sim.setFaults({ schemaChange: true });
    const [award] = (await (await get(sim, { rows: 1 })).json()) as Array<Record<string, unknown>>;
    expect(award).toHaveProperty('tracking_number');
    expect(award).not.toHaveProperty('agency_tracking_number');
    expect(sim.stats().schemaChanged).toBe(1);
  });

  it('injects faults: HTML 500 pages, 503s with Retry-After, truncated bodies', async () => {
    sim.injectNext('html500');
    const html500 = await get(sim, { rows: 1 });
    expect(html500.status).toBe(500);
    expect(html500.headers.get('content-type')).toMatch(/text\/html/);
    sim.injectNext('http503');
    const unavailable = await get(sim, { rows: 1 });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    sim.injectNext('malformed');
    const malformed = await get(sim, { rows: 2 });
    await expect(malformed.json()).rejects.toThrow();
    expect(sim.stats().faultsInjected).toMatchObject({ html500: 1, http503: 1, malformed: 1 });
  });
});
