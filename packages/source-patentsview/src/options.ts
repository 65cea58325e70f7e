import { parseSourceOptions } from '@freshet/core';
import { z } from 'zod';
import {
  PATENTSVIEW_API_KEY_ENV,
  PATENTSVIEW_DEFAULT_BASE_URL,
  PATENTSVIEW_DEFAULT_FIELDS,
  PATENTSVIEW_DEFAULT_RECENT_MONTHS,
  PATENTSVIEW_MAX_PAGE_SIZE,
  PATENTSVIEW_SOURCE_ID,
} from './defaults.js';
import type { PatentsViewOptions, PatentsViewOptionsInput } from './types.js';

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}${what}` })
    .int({ error: `must be a whole number from ${min} to ${max}${what}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}${what}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}${what}` });

// A field is `patent_title` or `inventors.inventor_name_last`; the API refuses names it does not know.
const field = z
  .string({ error: 'must be a list of field names like ["patent_id", "patent_title"]' })
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/, {
    error: 'a field name looks like "patent_title" or "inventors.inventor_name_last"',
  });

/** Validates `patentsview(options)`; unknown keys are refused so a typo does not pass silently. */
export const optionsSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/, error: `must be an http(s) URL like "${PATENTSVIEW_DEFAULT_BASE_URL}"` })
    .default(PATENTSVIEW_DEFAULT_BASE_URL)
    .transform((url) => url.replace(/\/+$/, '')),
  apiKey: z
    .string({ error: `must be the API key as a string (or set ${PATENTSVIEW_API_KEY_ENV})` })
    .trim()
    .min(1, { error: `must not be empty; give the key or set ${PATENTSVIEW_API_KEY_ENV}` })
    .optional(),
  pageSize: wholeNumber(1, PATENTSVIEW_MAX_PAGE_SIZE, ', the patents per request').default(
    PATENTSVIEW_MAX_PAGE_SIZE,
  ),
  fields: z
    .array(field, { error: 'must be a list of field names like ["patent_id", "patent_title"]' })
    .min(1, { error: 'must name at least one field, or be left out for the defaults' })
    .default([...PATENTSVIEW_DEFAULT_FIELDS])
    // The adapter keys and pages on patent_id, so it is always asked for.
    .transform((fields) => [...new Set(['patent_id', ...fields])]),
  method: z.enum(['GET', 'POST'], { error: 'must be "GET" or "POST"' }).default('GET'),
  includeWithdrawn: z.boolean({ error: 'must be true or false' }).default(false),
  recentMonths: wholeNumber(1, 1200, ' (months)').default(PATENTSVIEW_DEFAULT_RECENT_MONTHS),
}) satisfies z.ZodType<PatentsViewOptions, PatentsViewOptionsInput | undefined>;

/** The key from the option, else from the environment; undefined when neither has one. */
export function apiKeyFrom(
  options: PatentsViewOptionsInput,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (options.apiKey !== undefined) return options.apiKey;
  const fromEnv = env[PATENTSVIEW_API_KEY_ENV]?.trim();
  return fromEnv ? fromEnv : undefined;
}

/** `options` checked and completed with defaults; OPTIONS_INVALID names each bad option. */
export function resolveOptions(options: unknown, env: NodeJS.ProcessEnv = process.env): PatentsViewOptions {
  const given = options ?? {};
  let candidate: unknown = given;
  if (typeof given === 'object' && !Array.isArray(given)) {
    const apiKey = apiKeyFrom(given as PatentsViewOptionsInput, env);
    candidate = apiKey === undefined ? given : { ...given, apiKey };
  }
  return parseSourceOptions(optionsSchema, candidate, PATENTSVIEW_SOURCE_ID, { secretOptions: ['apiKey'] });
}
