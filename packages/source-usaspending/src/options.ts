import { parseSourceOptions } from '@freshet/core';
import { z } from 'zod';
import { AWARD_TYPE_GROUPS, type AwardTypeGroup, DEFAULT_FIELDS, GROUP_FIELDS } from './award-types.js';
import {
  USASPENDING_DEFAULT_BASE_URL,
  USASPENDING_DEFAULT_RECENT_FISCAL_YEARS,
  USASPENDING_MAX_LIMIT,
  USASPENDING_SORT_FIELD,
  USASPENDING_SOURCE_ID,
} from './defaults.js';
import type { UsaspendingAgency, UsaspendingOptions, UsaspendingOptionsInput } from './types.js';

const unique = <T>(values: T[]): T[] => [...new Set(values)];

const group = z.enum(AWARD_TYPE_GROUPS, { error: `must be one of ${AWARD_TYPE_GROUPS.join(', ')}` });

const words = (what: string, min = 1) =>
  z
    .array(
      z
        .string({ error: `must be a list of ${what}` })
        .trim()
        .min(min, {
          error:
            min > 1
              ? `must have ${min} characters or more (the API refuses shorter ones)`
              : 'must not be empty',
        }),
      { error: `must be a list of ${what}` },
    )
    // The API refuses an empty list (below min '1' items): leave the option out instead.
    .min(1, { error: 'must name at least one, or be left out' })
    .transform(unique)
    .optional();

const agency = z.union(
  [
    z
      .string()
      .trim()
      .min(1)
      .transform((name): UsaspendingAgency => ({ type: 'awarding', tier: 'toptier', name })),
    z
      .strictObject({
        type: z.enum(['awarding', 'funding']).default('awarding'),
        tier: z.enum(['toptier', 'subtier']).default('toptier'),
        name: z.string().trim().min(1),
        toptierName: z.string().trim().min(1).optional(),
      })
      .transform((a): UsaspendingAgency => ({ ...a })),
  ],
  {
    error:
      'must be a list of agency names like "Department of Defense" or objects { type: "awarding" | "funding", tier: "toptier" | "subtier", name, toptierName? }',
  },
);

const fieldList = (g: AwardTypeGroup) =>
  z
    .array(z.string({ error: 'must be a list of field names' }), { error: 'must be a list of field names' })
    .min(1, { error: 'must name at least one field, or be left out' })
    .superRefine((fields, ctx) => {
      for (const [index, field] of fields.entries()) {
        if (!GROUP_FIELDS[g].includes(field)) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `"${field}" is not a field of ${g} (the API answers null for it); use one of: ${GROUP_FIELDS[g].join(', ')}`,
          });
        }
      }
    })
    .optional();

const limitMessage = `must be a whole number from 1 to ${USASPENDING_MAX_LIMIT}`;

/** Validates `usaspending(options)`; unknown keys are refused so a typo does not pass silently. */
export const optionsSchema = z
  .strictObject({
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL like "https://api.usaspending.gov"' })
      .default(USASPENDING_DEFAULT_BASE_URL)
      .transform((url) => url.replace(/\/+$/, '')),
    awardTypeGroups: z
      .array(group, { error: `must be a list of award type groups: ${AWARD_TYPE_GROUPS.join(', ')}` })
      .min(1, { error: 'must name at least one award type group' })
      .default([...AWARD_TYPE_GROUPS])
      .transform(unique),
    keywords: words('keywords', 3),
    programNumbers: words('Assistance Listing numbers like "93.855"'),
    agencies: z
      .array(agency, { error: 'must be a list of agencies' })
      .min(1, { error: 'must name at least one agency, or be left out' })
      .optional(),
    recipientSearchText: words('recipient names, UEIs or DUNS numbers'),
    recipientTypeNames: words('recipient types like "higher_education"'),
    fields: z
      .strictObject(
        Object.fromEntries(AWARD_TYPE_GROUPS.map((g) => [g, fieldList(g)])) as Record<
          AwardTypeGroup,
          ReturnType<typeof fieldList>
        >,
        { error: `must be an object of field lists by award type group (${AWARD_TYPE_GROUPS.join(', ')})` },
      )
      .optional(),
    dateType: z
      .enum(['action_date', 'date_signed', 'last_modified_date', 'new_awards_only'], {
        error: 'must be one of action_date, date_signed, last_modified_date, new_awards_only',
      })
      .default('action_date'),
    limit: z
      .number({ error: limitMessage })
      .int({ error: limitMessage })
      .min(1, { error: limitMessage })
      .max(USASPENDING_MAX_LIMIT, {
        error: `must be at most ${USASPENDING_MAX_LIMIT}, the API's largest page`,
      })
      .default(USASPENDING_MAX_LIMIT),
    recentFiscalYears: z
      .number({ error: 'must be a whole number of fiscal years from 1 to 20' })
      .int({ error: 'must be a whole number of fiscal years from 1 to 20' })
      .min(1, { error: 'must be a whole number of fiscal years from 1 to 20' })
      .max(20, { error: 'must be a whole number of fiscal years from 1 to 20' })
      .default(USASPENDING_DEFAULT_RECENT_FISCAL_YEARS),
  })
  .transform(
    ({ fields, ...rest }): UsaspendingOptions => ({
      ...rest,
      fields: completeFields(fields),
    }),
  ) satisfies z.ZodType<UsaspendingOptions, UsaspendingOptionsInput | undefined>;

/**
 * Every group's field list: the given one or the default, "Award ID" first. It is the sort
 * field, and the API refuses a sort on a field that was not asked for.
 */
function completeFields(
  given: Partial<Record<AwardTypeGroup, string[] | undefined>> | undefined,
): Record<AwardTypeGroup, string[]> {
  const out = {} as Record<AwardTypeGroup, string[]>;
  for (const g of AWARD_TYPE_GROUPS) {
    const list = unique([...(given?.[g] ?? DEFAULT_FIELDS[g])]);
    out[g] = [USASPENDING_SORT_FIELD, ...list.filter((field) => field !== USASPENDING_SORT_FIELD)];
  }
  return out;
}

/** `options` checked and completed with defaults; OPTIONS_INVALID names each bad option. */
export function resolveOptions(options: unknown): UsaspendingOptions {
  return parseSourceOptions(optionsSchema, options, USASPENDING_SOURCE_ID);
}
