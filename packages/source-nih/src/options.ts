import { parseSourceOptions } from '@freshet/core';
import { z } from 'zod';
import {
  NIH_DEFAULT_BASE_URL,
  NIH_DEFAULT_RECENT_WEEKS,
  NIH_MAX_LIMIT,
  NIH_SBIR_STTR_ACTIVITY_CODES,
  NIH_SOURCE_ID,
} from './defaults.js';
import type { NihOptions, NihOptionsInput } from './types.js';

const unique = <T>(values: T[]): T[] => [...new Set(values)];

const activityCode = z
  .string({ error: 'must be a list of activity codes like "R43"' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3}$/, { error: 'an activity code is three letters or digits, like "R43"' });

const agency = z
  .string({ error: 'must be a list of institute abbreviations like "NCI"' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,12}$/, { error: 'an agency is an institute or center abbreviation, like "NCI"' });

const fiscalYear = z
  .number({ error: 'must be a list of fiscal years like 2025' })
  .int({ error: 'a fiscal year is a whole number like 2025' })
  .min(1985, { error: 'RePORTER holds fiscal years from 1985 on' })
  .max(2100, { error: 'a fiscal year is a four-digit year like 2025' });

/** Validates `nih(options)`; unknown keys are refused so a typo does not pass silently. */
export const optionsSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL like "https://api.reporter.nih.gov"' })
    .default(NIH_DEFAULT_BASE_URL)
    .transform((url) => url.replace(/\/+$/, '')),
  activityCodes: z
    .array(activityCode, { error: 'must be a list of activity codes like ["R43", "R44"]' })
    .min(1, { error: 'must name at least one activity code' })
    .default([...NIH_SBIR_STTR_ACTIVITY_CODES])
    .transform(unique),
  agencies: z
    .array(agency, { error: 'must be a list of institute abbreviations like ["NCI"]' })
    .min(1, { error: 'must name at least one agency, or be left out' })
    .transform(unique)
    .optional(),
  fiscalYears: z
    .array(fiscalYear, { error: 'must be a list of fiscal years like [2025]' })
    .min(1, { error: 'must name at least one fiscal year, or be left out' })
    .transform((years) => unique(years).sort((a, b) => a - b))
    .optional(),
  // At least 2: every page after the first re-reads one project to notice a changed result set.
  limit: z
    .number({ error: `must be a whole number from 2 to ${NIH_MAX_LIMIT}` })
    .int({ error: `must be a whole number from 2 to ${NIH_MAX_LIMIT}` })
    .min(2, { error: `must be a whole number from 2 to ${NIH_MAX_LIMIT}` })
    .max(NIH_MAX_LIMIT, { error: `must be at most ${NIH_MAX_LIMIT}, the API's largest page` })
    .default(NIH_MAX_LIMIT),
  recentWeeks: z
    .number({ error: 'must be a whole number of weeks from 1 to 520' })
    .int({ error: 'must be a whole number of weeks from 1 to 520' })
    .min(1, { error: 'must be a whole number of weeks from 1 to 520' })
    .max(520, { error: 'must be a whole number of weeks from 1 to 520' })
    .default(NIH_DEFAULT_RECENT_WEEKS),
}) satisfies z.ZodType<NihOptions, NihOptionsInput | undefined>;

/** `options` checked and completed with defaults; OPTIONS_INVALID names each bad option. */
export function resolveOptions(options: unknown): NihOptions {
  return parseSourceOptions(optionsSchema, options, NIH_SOURCE_ID);
}
