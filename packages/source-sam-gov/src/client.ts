import { type HttpRequest, parseResponse } from '@freshet/core';
import { z } from 'zod';
import { entitiesPath, SAM_GOV_PAGE_SIZE, SAM_GOV_SOURCE_ID } from './defaults.js';
import type { SamGovEntity, SamGovOptions } from './types.js';

/** What a `uei_batch` slice asks for: one page of one batch's look-up. */
export interface LookupRequest {
  ueis: readonly string[];
  page: number;
}

/**
 * `ueiSAM` as the docs write a list, `[UEI1~UEI2~…]`; a single UEI bare, as in the recorded
 * request. Parameters in the order the API echoes them in `links.selfLink`.
 */
export function lookupQuery(
  options: Pick<SamGovOptions, 'includeSections' | 'registrationStatus'>,
  lookup: LookupRequest,
): Record<string, string | number> {
  const ueiSAM = lookup.ueis.length === 1 ? (lookup.ueis[0] as string) : `[${lookup.ueis.join('~')}]`;
  return {
    ueiSAM,
    includeSections: options.includeSections.join(','),
    ...(options.registrationStatus ? { registrationStatus: options.registrationStatus } : {}),
    page: lookup.page,
    size: SAM_GOV_PAGE_SIZE,
  };
}

/**
 * The key as the `api_key` query parameter (first, as the API echoes it), the place the official
 * OpenAPI file documents; or with `keyIn: 'header'` as the `X-Api-Key` header. Core's HTTP client
 * masks it in every URL it shows, as `api_key=***`.
 */
export function lookupRequest(
  options: Pick<
    SamGovOptions,
    'baseUrl' | 'keyIn' | 'apiVersion' | 'includeSections' | 'registrationStatus'
  > & {
    apiKey: string;
  },
  lookup: LookupRequest,
  signal?: AbortSignal,
): HttpRequest {
  const inHeader = options.keyIn === 'header';
  return {
    method: 'GET',
    url: `${options.baseUrl}${entitiesPath(options.apiVersion)}`,
    query: { ...(inHeader ? {} : { api_key: options.apiKey }), ...lookupQuery(options, lookup) },
    ...(inHeader ? { headers: { 'x-api-key': options.apiKey } } : {}),
    ...(signal ? { signal } : {}),
  };
}

export function endpointOf(version: 'v3' | 'v4'): string {
  return `GET ${entitiesPath(version)}`;
}

// Strict where the adapter relies on a field (the key, the total); every other field passes
// through as the API sends it, nulls included.
const section = z.looseObject({}).nullish();

export const entityRegistrationSchema = z.looseObject({
  ueiSAM: z.string().regex(/^[A-Z0-9]{12}$/, { error: 'expected a 12-character UEI' }),
  // Part of the record key: a registration per EFT indicator.
  entityEFTIndicator: z.string().nullish(),
  cageCode: z.string().nullish(),
  legalBusinessName: z.string().nullish(),
  registrationStatus: z.string().nullish(),
  registrationDate: z.string().nullish(),
  lastUpdateDate: z.string().nullish(),
  registrationExpirationDate: z.string().nullish(),
  activationDate: z.string().nullish(),
  ueiStatus: z.string().nullish(),
});

export const entitySchema = z.looseObject({
  entityRegistration: entityRegistrationSchema,
  coreData: section,
  assertions: section,
  repsAndCerts: section,
  pointsOfContact: section,
  integrityInformation: section,
}) satisfies z.ZodType<SamGovEntity>;

/** `{ totalRecords, entityData, links }`; a look-up that matches nothing has no `links`. */
export const entitiesResponseSchema = z.looseObject({
  totalRecords: z.number().int().nonnegative(),
  entityData: z.array(entitySchema),
  links: z
    .looseObject({
      selfLink: z.string().optional(),
      nextLink: z.string().optional(),
    })
    .optional(),
});

export type EntitiesResponse = z.infer<typeof entitiesResponseSchema>;

/** Validates one page; a changed shape is SCHEMA_DRIFT naming the field. */
export function parseEntitiesPage(body: unknown, version: 'v3' | 'v4'): EntitiesResponse {
  return parseResponse(entitiesResponseSchema, body, {
    source: SAM_GOV_SOURCE_ID,
    endpoint: endpointOf(version),
  });
}
