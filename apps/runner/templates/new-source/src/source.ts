import { defineSource, parseResponse, parseSourceOptions, type Quota, yearCohorts } from '@freshet/core';
import { z } from 'zod';

/** The source id: partition keys read `__id__:year_2024`. It names the data in the store: keep it. */
export const SOURCE_ID = '__id__';

/** One partition per calendar year of the items' `year`, a field that never changes. */
export const cohort = yearCohorts({ prefix: 'year', fiscal: false });

/** Under the API's 60 requests a minute, with room for other clients; retries count too. */
export const DEFAULT_QUOTA: Quota = {
  maxConcurrent: 1,
  requestsPerInterval: 50,
  intervalMs: 60_000,
  dailyBudget: null,
  timeoutMs: 30_000,
  retry: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 },
};

/** Validates `__name__(options)`; unknown keys are refused, so a typo does not pass silently. */
export const optionsSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL like "https://api.example.org"' })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://api.example.org'),
  pageSize: z.int().min(1).max(100, { error: 'must be a whole number from 1 to 100' }).default(100),
  firstYear: z.int().min(1900).max(2100, { error: 'must be a year' }).default(2020),
});
export type __Name__Options = z.output<typeof optionsSchema>;
export type __Name__OptionsInput = z.input<typeof optionsSchema>;

// Strict on what the source relies on (the key, the paging field); `looseObject` keeps every
// other field, so items are stored as the API sent them.
const itemSchema = z.looseObject({ id: z.string().min(1), year: z.int(), title: z.string().nullish() });
const pageSchema = z.object({ items: z.array(itemSchema), next_page: z.int().positive().nullable() });
export type __Name__Item = z.output<typeof itemSchema>;

/** Where the next slice starts: the API's page number. */
export type __Name__Cursor = { page: number };
const cursorSchema = z.object({ page: z.int().positive() });

/** `__name__(options)`: the source, with its options validated (bad ones throw OPTIONS_INVALID). */
export function __name__(input: __Name__OptionsInput = {}) {
  return defineSource<__Name__Options, __Name__Item, __Name__Cursor>({
    id: SOURCE_ID,
    description: 'Items of the example API, by year',
    cohort,
    quota: DEFAULT_QUOTA,
    sla: '7d',
    options: parseSourceOptions(optionsSchema, input, SOURCE_ID),
    optionsSchema,

    async listPartitions({ options, range, now }) {
      return cohort.parseRange(range ?? `${options.firstYear}..${now.getUTCFullYear()}`);
    },

    // One slice is one page: GET /items?year=2024&page=1&per_page=100.
    async fetchSlice({ partition, cursor, options, http, signal }) {
      // A stored cursor is input too: one that does not fit (null included) starts at page 1.
      const page = cursorSchema.safeParse(cursor).data?.page ?? 1;
      const query = { year: partition.cohort.ordinal, page, per_page: options.pageSize };
      const { body } = await http.json({ method: 'GET', url: `${options.baseUrl}/items`, query, signal });
      const { items, next_page } = parseResponse(pageSchema, body, {
        source: SOURCE_ID,
        endpoint: 'GET /items',
      });
      if (next_page === null) return { records: items, cursor: null, done: true };
      return { records: items, cursor: { page: next_page }, done: false };
    },

    recordKey: (item) => item.id,
  });
}

// A JSON or YAML configuration's `{ "use": "__package__" }` calls the default export.
export default __name__;
