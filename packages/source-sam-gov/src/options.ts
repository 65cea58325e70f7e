import { parseSourceOptions } from '@freshet/core';
import { z } from 'zod';
import {
  SAM_GOV_API_KEY_ENV,
  SAM_GOV_DEFAULT_BASE_URL,
  SAM_GOV_DEFAULT_BATCH_SIZE,
  SAM_GOV_DEFAULT_SECTIONS,
  SAM_GOV_MAX_UEIS,
  SAM_GOV_SECTIONS,
  SAM_GOV_SOURCE_ID,
} from './defaults.js';
import type { SamGovOptions, SamGovOptionsInput, SamGovSection } from './types.js';
import { isUei, normalizeUei, UEI_RULE } from './uei.js';

const SECTIONS_HINT = `a list of sections from ${SAM_GOV_SECTIONS.join(', ')} (or All), like "entityRegistration,coreData"`;

// `All` is the API's shorthand for every section it returns by default.
const ALL_SECTIONS: SamGovSection[] = ['entityRegistration', 'coreData', 'assertions', 'pointsOfContact'];

const sections = z
  .union([z.string(), z.array(z.string())], { error: `must be ${SECTIONS_HINT}` })
  .default([...SAM_GOV_DEFAULT_SECTIONS])
  .transform((value, ctx) => {
    const names = (typeof value === 'string' ? value.split(',') : value).map((s) => s.trim()).filter(Boolean);
    const out: SamGovSection[] = [];
    for (const name of names) {
      if (name.toLowerCase() === 'all') {
        out.push(...ALL_SECTIONS);
        continue;
      }
      const match = SAM_GOV_SECTIONS.find((s) => s.toLowerCase() === name.toLowerCase());
      if (match) out.push(match);
      else
        ctx.addIssue({
          code: 'custom',
          message: `has ${JSON.stringify(name)}, which is not a section; it must be ${SECTIONS_HINT}`,
        });
    }
    const unique = [...new Set(out)];
    if (!unique.includes('entityRegistration')) {
      ctx.addIssue({
        code: 'custom',
        message: 'must include entityRegistration: the record key, entityRegistration.ueiSAM, is in it',
      });
    }
    return unique;
  });

const uei = z
  .string({ error: `must be a list of UEIs (${UEI_RULE})` })
  .transform(normalizeUei)
  .refine(isUei, { error: `is not a UEI (${UEI_RULE})` });

const sourceRef = z.strictObject(
  {
    source: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { error: 'must be a source id like "usaspending"' }),
    field: z.string().trim().min(1, { error: 'must name a payload field like "recipient_uei"' }),
  },
  { error: 'must be a list like [{ source: "usaspending", field: "recipient_uei" }]' },
);

/**
 * Validates `samGov(options)`; unknown keys are refused so a typo does not pass silently. A
 * missing key is allowed here (`resolveOptions` fills it from SAM_GOV_API_KEY), so a
 * configuration can keep the source, disabled, until the key is set; its first slice refuses.
 */
export const optionsSchema = z
  .strictObject({
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL like "https://api.sam.gov"' })
      .default(SAM_GOV_DEFAULT_BASE_URL)
      .transform((url) => url.replace(/\/+$/, '')),
    apiKey: z
      .string({ error: `must be a SAM.gov API key (or leave it out and set ${SAM_GOV_API_KEY_ENV})` })
      .trim()
      .min(1, {
        error: `must not be empty: pass the key or set the ${SAM_GOV_API_KEY_ENV} environment variable`,
      })
      .optional(),
    keyIn: z
      .enum(['query', 'header'], {
        error: 'must be "query" (the api_key parameter, as the API documents it) or "header" (X-Api-Key)',
      })
      .default('query'),
    apiVersion: z.enum(['v3', 'v4'], { error: 'must be "v3" or "v4"' }).default('v3'),
    includeSections: sections,
    registrationStatus: z
      .enum(['A', 'E'], { error: 'must be "A" (Active) or "E" (Expired), or be left out' })
      .optional(),
    batchSize: z
      .number({ error: `must be a whole number from 1 to ${SAM_GOV_MAX_UEIS}` })
      .int({ error: `must be a whole number from 1 to ${SAM_GOV_MAX_UEIS}` })
      .min(1, { error: `must be a whole number from 1 to ${SAM_GOV_MAX_UEIS}` })
      .max(SAM_GOV_MAX_UEIS, {
        error: `must be at most ${SAM_GOV_MAX_UEIS}, the most UEIs one look-up may name`,
      })
      .default(SAM_GOV_DEFAULT_BATCH_SIZE),
    ueiFile: z.string({ error: 'must be a path to a CSV, JSON Lines or text file' }).trim().min(1).optional(),
    ueis: z.array(uei, { error: `must be a list of UEIs (${UEI_RULE})` }).optional(),
    ueisFromSources: z
      .array(sourceRef, { error: 'must be a list like [{ source: "usaspending", field: "recipient_uei" }]' })
      .optional(),
  })
  .refine(
    (o) => o.ueiFile !== undefined || (o.ueis?.length ?? 0) > 0 || (o.ueisFromSources?.length ?? 0) > 0,
    {
      error: 'must say where the UEIs come from: give ueiFile, ueis or ueisFromSources',
    },
  ) satisfies z.ZodType<SamGovOptions, SamGovOptionsInput | undefined>;

/** The key from the option, else from the environment; undefined when neither has one. */
export function apiKeyFrom(
  options: SamGovOptionsInput,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (options.apiKey !== undefined) return options.apiKey;
  const fromEnv = env[SAM_GOV_API_KEY_ENV]?.trim();
  return fromEnv ? fromEnv : undefined;
}

/** `options` checked and completed with defaults; OPTIONS_INVALID names each bad option, never the key. */
export function resolveOptions(options: unknown, env: NodeJS.ProcessEnv = process.env): SamGovOptions {
  const given = options ?? {};
  let candidate: unknown = given;
  if (typeof given === 'object' && !Array.isArray(given)) {
    const apiKey = apiKeyFrom(given as SamGovOptionsInput, env);
    candidate = apiKey === undefined ? given : { ...given, apiKey };
  }
  return parseSourceOptions(optionsSchema, candidate, SAM_GOV_SOURCE_ID, { secretOptions: ['apiKey'] });
}
