import { type Http, type HttpRequest, parseResponse } from '@freshet/core';
import { z } from 'zod';
import { PATENTSVIEW_PATENT_PATH, PATENTSVIEW_SOURCE_ID } from './defaults.js';
import type { PatentsViewOptions, PatentsViewPatent } from './types.js';

/** The four parameters of a PatentSearch request; GET sends each as a JSON string. */
export interface PatentSearchParams {
  q: unknown;
  f?: readonly string[];
  s?: ReadonlyArray<Record<string, 'asc' | 'desc'>>;
  o?: Record<string, unknown>;
}

/** `patent_date` from the first to the last day of a grant month, both inclusive. */
export function grantMonthQuery(days: { first: string; last: string }): unknown {
  return { _and: [{ _gte: { patent_date: days.first } }, { _lte: { patent_date: days.last } }] };
}

/**
 * One page of a grant month: sorted on `patent_id` (unique, so `after` skips nothing), the
 * next page starting after the last id seen.
 */
export function grantMonthParams(
  options: Pick<PatentsViewOptions, 'fields' | 'pageSize' | 'includeWithdrawn'>,
  days: { first: string; last: string },
  after: string | null,
): PatentSearchParams {
  return {
    q: grantMonthQuery(days),
    f: options.fields,
    s: [{ patent_id: 'asc' }],
    o: {
      size: options.pageSize,
      ...(after === null ? {} : { after }),
      ...(options.includeWithdrawn ? { exclude_withdrawn: false } : {}),
    },
  };
}

/** The HTTP request for `params`: GET `?q=…&f=…&s=…&o=…` in that order, or a POST with the same as JSON. */
export function patentSearchRequest(
  options: Pick<PatentsViewOptions, 'baseUrl' | 'method'> & { apiKey: string },
  params: PatentSearchParams,
): HttpRequest {
  const url = `${options.baseUrl}${PATENTSVIEW_PATENT_PATH}`;
  const headers = { 'x-api-key': options.apiKey };
  if (options.method === 'POST') {
    // JSON.stringify leaves out the parameters that are undefined, as the API's defaults apply.
    return { method: 'POST', url, headers, json: { q: params.q, f: params.f, s: params.s, o: params.o } };
  }
  const encode = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  return {
    method: 'GET',
    url,
    headers,
    query: { q: JSON.stringify(params.q), f: encode(params.f), s: encode(params.s), o: encode(params.o) },
  };
}

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const group = z.array(z.looseObject({}), { error: 'expected a list of objects' }).optional();

/**
 * A patent as far as the adapter relies on it: a string `patent_id` (the key and the cursor),
 * and sane types for the fields it documents. Everything else passes through untouched.
 */
export const patentSchema = z.looseObject({
  patent_id: z.string({ error: 'expected the patent id as a string' }).min(1),
  patent_date: z.string().regex(YMD, { error: 'expected a date as YYYY-MM-DD' }).nullish(),
  patent_title: z.string().nullish(),
  patent_type: z.string().nullish(),
  withdrawn: z.boolean().nullish(),
  application: group,
  assignees: group,
  attorneys: group,
  inventors: group,
  cpc_current: group,
  foreign_priority: group,
  granted_pregrant_crosswalk: group,
  ipcr: group,
  uspc_at_issue: group,
  wipo: group,
});

/** `{ error: false, count, total_hits, patents }`; an empty result has count 0 and no patents. */
export const patentPageSchema = z
  .looseObject({
    error: z.literal(false, { error: 'expected false (a successful answer)' }),
    count: z.int().nonnegative(),
    total_hits: z.int().nonnegative(),
    patents: z.array(patentSchema),
  })
  .refine((page) => page.count === page.patents.length, {
    path: ['count'],
    error: 'expected the number of patents on the page',
  });

export interface PatentPage {
  count: number;
  total_hits: number;
  /** As the API sent them (field order kept), after validation. */
  patents: PatentsViewPatent[];
}

export function endpointOf(method: 'GET' | 'POST'): string {
  return `${method} ${PATENTSVIEW_PATENT_PATH}`;
}

/** Validates a page body: SCHEMA_DRIFT naming the field when the shape is not the known one. */
export function parsePatentPage(body: unknown, method: 'GET' | 'POST'): PatentPage {
  const page = parseResponse(patentPageSchema, body, {
    source: PATENTSVIEW_SOURCE_ID,
    endpoint: endpointOf(method),
  });
  const raw = (body as { patents: PatentsViewPatent[] }).patents;
  return { count: page.count, total_hits: page.total_hits, patents: raw };
}

/** Sends one search request and validates the answer. */
export async function searchPatents(
  http: Http,
  options: Pick<PatentsViewOptions, 'baseUrl' | 'method'> & { apiKey: string },
  params: PatentSearchParams,
  signal?: AbortSignal,
): Promise<PatentPage> {
  const request = patentSearchRequest(options, params);
  const { body } = await http.json({ ...request, ...(signal ? { signal } : {}) });
  return parsePatentPage(body, options.method);
}
