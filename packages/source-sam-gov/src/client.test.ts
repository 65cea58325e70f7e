import { ErrorCodes, type FreshetError } from '@freshet/core';
import { describe, expect, it } from 'vitest';
import { entitiesResponseSchema, lookupQuery, lookupRequest, parseEntitiesPage } from './client.js';
import { resolveOptions } from './options.js';
import { fixtureJson, SAMPLE_IBM, SAMPLE_REGISTRATION } from './test-support.js';

const options = (extra: Record<string, unknown> = {}) => ({
  ...resolveOptions({ ueis: ['ZQGGHJH74DW7'], ...extra }, {}),
  apiKey: 'test-key',
});

/** The URL core's HTTP client sends: the request URL with the query appended in order. */
function sentUrl(request: ReturnType<typeof lookupRequest>): URL {
  const url = new URL(request.url);
  for (const [name, value] of Object.entries(request.query ?? {}))
    url.searchParams.append(name, String(value));
  return url;
}

/** The recorded request, from the sample's selfLink, without the masked key. */
function recordedRequest(sample: string): URL {
  const body = fixtureJson(sample) as { links: { selfLink: string } };
  const url = new URL(body.links.selfLink);
  expect(url.searchParams.get('api_key')).toBe('REPLACE_WITH_API_KEY');
  url.searchParams.delete('api_key');
  return url;
}

const SAMPLE_UEI = 'ZQGGHJH74DW7';

describe('request building', () => {
  it('asks for a one-UEI look-up exactly as the recorded requests did, the key included', () => {
    for (const [sample, sections] of [
      [SAMPLE_REGISTRATION, ['entityRegistration']],
      [SAMPLE_IBM, ['entityRegistration', 'coreData']],
    ] as const) {
      const request = lookupRequest(options({ includeSections: [...sections] }), {
        ueis: [SAMPLE_UEI],
        page: 0,
      });
      expect(request.method).toBe('GET');
      const recorded = (fixtureJson(sample) as { links: { selfLink: string } }).links.selfLink;
      expect(sentUrl(request).href).toBe(recorded.replace('REPLACE_WITH_API_KEY', 'test-key'));
      expect(request.headers ?? {}).not.toHaveProperty('x-api-key');
      const inHeader = lookupRequest(options({ includeSections: [...sections], keyIn: 'header' }), {
        ueis: [SAMPLE_UEI],
        page: 0,
      });
      expect(sentUrl(inHeader).href).toBe(recordedRequest(sample).href);
    }
  });

  it('names up to 100 UEIs as [UEI1~UEI2~…] and pages with page (0-based) and size 10', () => {
    const query = lookupQuery(options(), { ueis: ['AAAAAAAAAAAA', 'BBBBBBBBBBBB', 'CCCCCCCCCCCC'], page: 3 });
    expect(query).toEqual({
      ueiSAM: '[AAAAAAAAAAAA~BBBBBBBBBBBB~CCCCCCCCCCCC]',
      includeSections: 'entityRegistration,coreData',
      page: 3,
      size: 10,
    });
    expect(
      lookupQuery(options({ registrationStatus: 'A' }), { ueis: ['AAAAAAAAAAAA'], page: 0 }),
    ).toMatchObject({
      registrationStatus: 'A',
    });
  });

  it('sends the key as the api_key query parameter, or with keyIn "header" as X-Api-Key only', () => {
    const inQuery = lookupRequest(options(), { ueis: [SAMPLE_UEI], page: 0 });
    expect(sentUrl(inQuery).searchParams.get('api_key')).toBe('test-key');
    const request = lookupRequest(options({ keyIn: 'header' }), { ueis: [SAMPLE_UEI], page: 0 });
    expect(request.headers).toEqual({ 'x-api-key': 'test-key' });
    expect(sentUrl(request).href).not.toContain('test-key');
    expect(sentUrl(request).pathname).toBe('/entity-information/v3/entities');
    expect(
      new URL(lookupRequest(options({ apiVersion: 'v4' }), { ueis: [SAMPLE_UEI], page: 0 }).url).pathname,
    ).toBe('/entity-information/v4/entities');
  });
});

describe('response schema', () => {
  it('accepts every real sample and keeps every field', () => {
    for (const sample of [SAMPLE_REGISTRATION, SAMPLE_IBM]) {
      const body = fixtureJson(sample);
      const parsed = parseEntitiesPage(body, 'v3');
      expect(parsed).toEqual(body);
      expect(parsed.entityData[0]?.entityRegistration.ueiSAM).toBe(SAMPLE_UEI);
    }
  });

  it('accepts the bare answer of a look-up that matches nothing', () => {
    expect(parseEntitiesPage({ totalRecords: 0, entityData: [] }, 'v3')).toEqual({
      totalRecords: 0,
      entityData: [],
    });
  });

  it('fails with SCHEMA_DRIFT naming the field when the shape changes', () => {
    const drift = (
      mutate: (body: {
        totalRecords: unknown;
        entityData: Array<Record<string, Record<string, unknown>>>;
      }) => void,
    ) => {
      const body = structuredClone(fixtureJson(SAMPLE_IBM)) as Parameters<typeof mutate>[0];
      mutate(body);
      try {
        parseEntitiesPage(body, 'v3');
      } catch (err) {
        return err as FreshetError;
      }
      throw new Error('expected SCHEMA_DRIFT');
    };
    const renamed = drift((b) => {
      const reg = b.entityData[0]!.entityRegistration!;
      reg.ueiSam = reg.ueiSAM;
      delete reg.ueiSAM;
    });
    expect(renamed.code).toBe(ErrorCodes.SCHEMA_DRIFT);
    expect(renamed.message).toContain('entityData[0].entityRegistration.ueiSAM');
    expect(renamed.message).toContain('GET /entity-information/v3/entities');
    expect(renamed.details?.fields).toEqual(['entityData[0].entityRegistration.ueiSAM']);

    expect(
      drift((b) => {
        b.totalRecords = '1';
      }).details?.fields,
    ).toEqual(['totalRecords']);
    expect(
      drift((b) => {
        b.entityData[0]!.coreData = 'none' as unknown as Record<string, unknown>;
      }).details?.fields,
    ).toEqual(['entityData[0].coreData']);
    expect(drift((b) => void delete b.entityData[0]!.entityRegistration).details?.fields).toEqual([
      'entityData[0].entityRegistration',
    ]);
  });

  it('lets nullable fields be null, as the real API sends them', () => {
    const body = structuredClone(fixtureJson(SAMPLE_IBM)) as {
      entityData: Array<{ entityRegistration: Record<string, unknown> }>;
    };
    body.entityData[0]!.entityRegistration.cageCode = null;
    body.entityData[0]!.entityRegistration.legalBusinessName = null;
    expect(entitiesResponseSchema.safeParse(body).success).toBe(true);
  });
});
