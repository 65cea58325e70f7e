import { describe, expect, it } from 'vitest';
import { shapeDiff } from '../../sim/shape.js';
import { fixtureText, sharedSimulator } from '../test-support.js';
import { startSamGovSimulator } from './index.js';
import {
  DATES_DETAIL,
  DATES_MESSAGE,
  RESULTS_TOO_LARGE_DETAIL,
  RESULTS_TOO_LARGE_MESSAGE,
  SIZE_DETAIL,
  TOO_MANY_UEIS_DETAIL,
  TOO_MANY_UEIS_MESSAGE,
  unknownParameterMessage,
} from './messages.js';
import type { SamEntitiesResponse, SamErrorBody, SamGovSimulator } from './types.js';

const FAC = fixtureText('sam-gov', 'fac-uei-lookup-v3-entityRegistration.json');
const RESPONSE_CODES_DOC = fixtureText('sam-gov', 'opengsa-doc-http-response-codes.html.txt');
const OPENAPI = fixtureText('sam-gov', 'opengsa-entity-api-openapi.yaml');

/** A request with the key as the `api_key` query parameter, as the official OpenAPI file has it. */
function get(sim: SamGovSimulator, query: string, init: { key?: string | null; path?: string } = {}) {
  const key = init.key === undefined ? sim.apiKey : init.key;
  const withKey = key === null ? query : `api_key=${encodeURIComponent(key)}&${query}`;
  return fetch(`${sim.baseUrl}${init.path ?? '/entity-information/v3/entities'}?${withKey}`, {
    headers: { accept: 'application/json' },
  });
}

async function ok(sim: SamGovSimulator, query: string): Promise<SamEntitiesResponse> {
  const res = await get(sim, query);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as SamEntitiesResponse;
}

async function error(sim: SamGovSimulator, query: string, status = 400): Promise<SamErrorBody> {
  const res = await get(sim, query);
  expect(res.status).toBe(status);
  return (await res.json()) as SamErrorBody;
}

const lookup = (ueis: string[]) => `ueiSAM=[${ueis.join('~')}]`;

describe('SAM.gov simulator: GET /entity-information/v3/entities', () => {
  const sim = sharedSimulator(() => startSamGovSimulator({ seed: 11, entities: 400, rateLimit: null }), {
    reset: true,
  });

  it('pages a UEI look-up 10 at a time to the end, skipping UEIs it does not know', async () => {
    const known = sim
      .ueis()
      .filter((_, i) => i % 7 === 0)
      .slice(0, 37);
    const missing = sim.missingUeis(6);
    const ueis = [...missing.slice(0, 3), ...known, ...missing.slice(3)];
    const query = `${lookup(ueis)}&includeSections=entityRegistration,coreData`;
    // One record per registration: a UEI with several registrations counts once for each.
    const registrations = known.reduce((n, uei) => n + sim.registrations(uei).length, 0);
    expect(registrations).toBeGreaterThanOrEqual(37);
    const got: unknown[] = [];
    for (let page = 0; ; page++) {
      const body = await ok(sim, `${query}&page=${page}&size=10`);
      expect(body.totalRecords).toBe(registrations);
      got.push(...body.entityData);
      expect(body.links?.selfLink).toContain(`page=${page}&size=10`);
      if (!body.links?.nextLink) break;
      expect(body.links.nextLink).toContain(`page=${page + 1}&size=10`);
    }
    expect(got).toHaveLength(registrations);
    expect(got).toEqual(sim.truth(ueis, { includeSections: ['entityRegistration', 'coreData'] }));
    expect([
      ...new Set(got.map((e) => (e as { entityRegistration: { ueiSAM: string } }).entityRegistration.ueiSAM)),
    ]).toEqual([...known].sort());
  });

  it('writes links as the recorded sample does, with the key masked', async () => {
    const uei = sim.ueis()[3]!;
    const res = await fetch(
      `${sim.baseUrl}/entity-information/v3/entities?api_key=${sim.apiKey}&ueiSAM=${uei}&includeSections=entityRegistration`,
    );
    const body = (await res.json()) as SamEntitiesResponse;
    const sample = JSON.parse(FAC) as SamEntitiesResponse;
    expect(
      shapeDiff(sample, body, {
        strictExtra: true,
        nullable: ['entityData[].entityRegistration.cageCode', 'entityData[].entityRegistration.dbaName'],
      }),
    ).toEqual([]);
    const path = (link: string) => link.replace(/^https?:\/\/[^/]+/, '');
    expect(path(body.links!.selfLink)).toBe(path(sample.links!.selfLink).replace('ZQGGHJH74DW7', uei));
    expect(JSON.stringify(body)).not.toContain(sim.apiKey);
  });

  it('answers a look-up that matches nothing with the bare empty body', async () => {
    const res = await get(sim, lookup(sim.missingUeis(3)));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"totalRecords":0,"entityData":[]}');
  });

  it('returns the default sections, and repsAndCerts and integrityInformation only when named', async () => {
    const uei = sim.ueis()[0]!;
    const sectionsOf = async (query: string, path?: string) => {
      const res = await get(sim, `ueiSAM=${uei}${query}`, path ? { path } : {});
      const body = (await res.json()) as SamEntitiesResponse;
      return body.entityData[0]!;
    };
    expect(Object.keys(await sectionsOf(''))).toEqual([
      'entityRegistration',
      'coreData',
      'assertions',
      'pointsOfContact',
    ]);
    expect(Object.keys(await sectionsOf('&includeSections=All'))).toEqual([
      'entityRegistration',
      'coreData',
      'assertions',
      'pointsOfContact',
    ]);
    expect(
      Object.keys(await sectionsOf('&includeSections=entityRegistration,repsAndCerts,integrityInformation')),
    ).toEqual(['entityRegistration', 'repsAndCerts', 'integrityInformation']);
    const v3 = await sectionsOf('&includeSections=repsAndCerts');
    const v4 = await sectionsOf('&includeSections=repsAndCerts', '/entity-information/v4/entities');
    expect(v4.repsAndCerts).toEqual({
      ...v3.repsAndCerts,
      exceedsDomesticThreshold: expect.stringMatching(/^[YN]$/),
    });
    expect((await error(sim, `ueiSAM=${uei}&includeSections=everything`)).message).toContain('everything');
  });

  it('filters by registrationStatus and updateDate', async () => {
    const ueis = sim.ueis().slice(0, 100);
    const all = sim.truth(ueis);
    const reg = (e: (typeof all)[number]) => e.entityRegistration!;
    const active = await ok(sim, `${lookup(ueis)}&registrationStatus=A`);
    expect(active.totalRecords).toBe(all.filter((e) => reg(e).registrationStatus === 'Active').length);
    const expired = await ok(sim, `${lookup(ueis)}&registrationStatus=E`);
    // Every registration is one or the other (100 UEIs, some with several registrations).
    expect(active.totalRecords + expired.totalRecords).toBe(all.length);
    expect(all.length).toBeGreaterThan(100);

    const day = reg(all[0]!).lastUpdateDate;
    const us = (ymd: string) => `${ymd.slice(5, 7)}/${ymd.slice(8, 10)}/${ymd.slice(0, 4)}`;
    const sameDay = all.filter((e) => reg(e).lastUpdateDate === day).length;
    expect((await ok(sim, `${lookup(ueis)}&updateDate=${us(day)}`)).totalRecords).toBe(sameDay);
    const inRange = all.filter(
      (e) => reg(e).lastUpdateDate >= '2025-01-01' && reg(e).lastUpdateDate <= '2025-03-31',
    );
    expect((await ok(sim, `${lookup(ueis)}&updateDate=[01/01/2025,03/31/2025]`)).totalRecords).toBe(
      inRange.length,
    );
  });

  it("refuses what the API refuses, in the API's own words", async () => {
    for (const bad of ['2025-01-01', '13/01/2025', '[01/01/2025]', '02/30/2025', '[01/01/2025,xx]']) {
      const body = await error(sim, `updateDate=${bad}`);
      expect([body.message, body.detail]).toEqual([DATES_MESSAGE, DATES_DETAIL]);
    }
    const many = await error(sim, lookup(sim.missingUeis(101)));
    expect([many.message, many.detail]).toEqual([TOO_MANY_UEIS_MESSAGE, TOO_MANY_UEIS_DETAIL]);
    const size = await error(sim, 'size=11');
    expect([size.message, size.detail]).toEqual(['size is 11', SIZE_DETAIL]);
    const far = await error(sim, 'page=1000&size=10');
    expect([far.message, far.detail]).toEqual([RESULTS_TOO_LARGE_MESSAGE, RESULTS_TOO_LARGE_DETAIL]);
    expect((await ok(sim, 'page=999&size=10')).entityData).toEqual([]);
    const unknown = await error(sim, 'colour=blue');
    expect(unknown.message).toBe(unknownParameterMessage('colour'));
    // Every documented message the simulator uses is worded as in the official docs.
    for (const text of [
      DATES_MESSAGE,
      DATES_DETAIL,
      TOO_MANY_UEIS_MESSAGE,
      TOO_MANY_UEIS_DETAIL,
      RESULTS_TOO_LARGE_MESSAGE,
      RESULTS_TOO_LARGE_DETAIL,
      SIZE_DETAIL,
      'The search parameter, < user-provided invalid parameter > does not exist.',
      unknown.detail,
    ]) {
      expect(RESPONSE_CODES_DOC).toContain(text);
    }
    expect(Object.keys(unknown)).toEqual([
      'status',
      'timestamp',
      'message',
      'detail',
      'errorCode',
      'transaction_id',
    ]);
    expect(unknown.status).toBe(400);
  });

  it('knows exactly the query parameters of the official OpenAPI file', async () => {
    const v3 = OPENAPI.slice(
      OPENAPI.indexOf('  /entity-information/v3/entities:'),
      OPENAPI.indexOf('    post:', OPENAPI.indexOf('  /entity-information/v3/entities:')),
    );
    const names = [...v3.matchAll(/- name: (\S+)/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(90);
    for (const name of names) {
      const res = await get(sim, `${name}=x`);
      const body = (await res.json()) as SamErrorBody | SamEntitiesResponse;
      if ('message' in body) expect(body.message, name).not.toBe(unknownParameterMessage(name));
    }
  });

  it('refuses a missing or unknown key with 403 before counting it against the quota', async () => {
    sim.setRateLimit({ requests: 1, intervalMs: 86_400_000, window: 'fixed' });
    sim.resetStats();
    const missing = await get(sim, 'ueiSAM=X', { key: null });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as SamErrorBody).message).toBe(
      'No api_key was supplied in request body. Please submit with a valid API key.',
    );
    const wrong = await get(sim, 'ueiSAM=X', { key: 'not-a-key' });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as SamErrorBody).message).toBe(
      'An invalid API key was supplied. Please submit with a valid API key.',
    );
    expect(RESPONSE_CODES_DOC).toContain(
      'No api_key was supplied in request body. Please submit with a valid API key.',
    );
    expect(RESPONSE_CODES_DOC).toContain(
      'An invalid API key was supplied. Please submit with a valid API key.',
    );
    expect((await get(sim, 'ueiSAM=X')).status).toBe(200);
    expect(sim.stats().violations).toBe(0);
  });

  it('returns every registration of a UEI, next to each other, each with its EFT indicator and CAGE code', async () => {
    const multi = sim.multiRegistrationUeis();
    expect(multi.length).toBeGreaterThan(0);
    const ueis = [multi[0]!, sim.ueis().find((u) => !multi.includes(u))!];
    const body = await ok(sim, `${lookup(ueis)}&includeSections=entityRegistration`);
    const regs = body.entityData.map((e) => e.entityRegistration!);
    const count = sim.registrations(multi[0]!).length;
    expect(count).toBeGreaterThan(1);
    expect(body.totalRecords).toBe(count + 1);
    const ofMulti = regs.filter((r) => r.ueiSAM === multi[0]);
    expect(ofMulti.map((r) => r.entityEFTIndicator)).toEqual([null, '0001', '0002'].slice(0, count));
    expect(new Set(ofMulti.map((r) => r.cageCode)).size).toBe(count);
    // UEI order, then EFT indicator: a UEI's registrations are never split by another UEI's.
    expect(regs.map((r) => r.ueiSAM)).toEqual([...regs.map((r) => r.ueiSAM)].sort());
    expect(sim.truth(ueis, { includeSections: ['entityRegistration'] })).toEqual(body.entityData);
    // A registration's CAGE code finds it alone.
    const byCage = await ok(sim, `cageCode=${ofMulti[1]!.cageCode}&includeSections=entityRegistration`);
    expect(byCage.entityData.map((e) => e.entityRegistration!.entityEFTIndicator)).toEqual(['0001']);
  });

  it('takes the key as the api_key query parameter, and as the X-Api-Key header only when told to', async () => {
    // The official OpenAPI file documents api_key as a query parameter of GET /entities.
    expect(OPENAPI).toMatch(/- name: api_key\n\s+in: query/);
    const uei = sim.ueis()[0]!;
    const byHeader = (s: SamGovSimulator) =>
      fetch(`${s.baseUrl}/entity-information/v3/entities?ueiSAM=${uei}`, {
        headers: { 'x-api-key': s.apiKey },
      });
    const refused = await byHeader(sim);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as SamErrorBody).message).toBe(
      'No api_key was supplied in request body. Please submit with a valid API key.',
    );
    expect((await get(sim, `ueiSAM=${uei}`)).status).toBe(200);
    const lenient = await startSamGovSimulator({
      seed: 11,
      entities: 20,
      rateLimit: null,
      acceptKeyHeader: true,
    });
    try {
      expect((await byHeader(lenient)).status).toBe(200);
      expect((await get(lenient, `ueiSAM=${lenient.ueis()[0]}`)).status).toBe(200);
    } finally {
      await lenient.close();
    }
  });

  it('renames entityRegistration.ueiSAM while schema drift is on', async () => {
    sim.setFaults({ schemaChange: true });
    const body = await ok(sim, `ueiSAM=${sim.ueis()[1]}`);
    expect(body.entityData[0]!.entityRegistration).toHaveProperty('ueiSam', sim.ueis()[1]);
    expect(body.entityData[0]!.entityRegistration).not.toHaveProperty('ueiSAM');
  });
});

describe('SAM.gov simulator: daily quota per key', () => {
  it('lets a personal key make 10 requests a UTC day, then answers 429 until midnight UTC', async () => {
    let now = Date.UTC(2025, 6, 1, 22, 0, 0);
    const sim = await startSamGovSimulator({
      entities: 20,
      role: 'personal',
      apiKeys: ['key-a', 'key-b'],
      clock: () => now,
    });
    try {
      expect(sim.dailyLimit).toBe(10);
      for (let i = 0; i < 10; i++) expect((await get(sim, 'size=1', { key: 'key-a' })).status).toBe(200);
      const refused = await get(sim, 'size=1', { key: 'key-a' });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe(String(2 * 3600));
      expect(await refused.json()).toEqual({
        code: '900804',
        message: 'Message throttled out',
        description: 'You have exceeded your quota. You can access API after 2025-Jul-02 00:00:00+0000 UTC',
      });
      // Another key has its own quota.
      expect((await get(sim, 'size=1', { key: 'key-b' })).status).toBe(200);
      expect(sim.stats().violations).toBe(1);
      now = Date.UTC(2025, 6, 2, 0, 0, 1);
      expect((await get(sim, 'size=1', { key: 'key-a' })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('gives a role 1,000 and a federal system account 10,000 requests a day', async () => {
    for (const [role, limit] of [
      ['role', 1_000],
      ['federal', 10_000],
    ] as const) {
      const sim = await startSamGovSimulator({ entities: 5, role });
      expect(sim.dailyLimit).toBe(limit);
      await sim.close();
    }
    const sim = await startSamGovSimulator({ entities: 5 });
    expect(sim.dailyLimit).toBe(1_000);
    await sim.close();
  });
});
