import { z } from 'zod';
import type { AnySource } from '../source.js';
import { isDuration } from './checks.js';
import { booleanFromText, fromText, milliseconds, positiveInt, text } from './fields.js';
import { SENTENCE } from './issues.js';
import { isRecord, isSource, sourceShapeProblems } from './source-shape.js';

// Messages are expectations that complete "<key path> must be …".
const SOURCE_EXPECTED =
  'a Source made by a factory like nih({ … }) (an object with a string id, an object cohort and functions listPartitions, fetchSlice and recordKey)';
const ENTRY_EXPECTED = `a Source, { source: <Source>, quota?, sla?, range?, enabled? } or { use: '<package or ./path>', options?, quota?, sla?, range?, enabled? }`;

const retryOverridesShape = {
  maxAttempts: positiveInt().optional(),
  baseDelayMs: milliseconds().optional(),
  maxDelayMs: milliseconds().optional(),
};

const quotaOverridesShape = {
  maxConcurrent: positiveInt().optional(),
  requestsPerInterval: positiveInt().optional(),
  intervalMs: positiveInt().optional(),
  dailyBudget: z
    .preprocess(
      fromText,
      z
        .int({ error: 'a positive integer, or null for no daily budget' })
        .positive({ error: 'a positive integer, or null for no daily budget' }),
    )
    .nullable()
    .optional(),
  timeoutMs: positiveInt().optional(),
  retry: z
    .strictObject(retryOverridesShape, { error: 'an object with maxAttempts, baseDelayMs or maxDelayMs' })
    .optional(),
};

/** Any subset of a Quota; merged over the source's default quota. */
export const quotaOverridesSchema = z.strictObject(quotaOverridesShape, {
  error: 'an object of quota overrides (maxConcurrent, requestsPerInterval, intervalMs, …)',
});

const SLA_EXPECTED = 'a duration like "7d", "12h" or "30m"';
const settingsShape = {
  quota: quotaOverridesSchema.optional(),
  sla: text(SLA_EXPECTED).refine(isDuration, { error: SLA_EXPECTED }).optional(),
  range: text('a partition range like "2025-W01..2025-W10"').optional(),
  partitionSlots: positiveInt().optional(),
  enabled: z.preprocess(booleanFromText, z.boolean({ error: 'true or false' })).default(true),
};

const wrappedEntryShape = {
  source: z.custom<AnySource>(isSource, { error: SOURCE_EXPECTED }),
  ...settingsShape,
};
const pluginEntryShape = {
  use: text('a package name like "@acme/source-foo" or a path like "./plugins/foo.mjs"'),
  options: z.record(z.string(), z.unknown(), { error: 'an object of options for the source' }).optional(),
  ...settingsShape,
};
const wrappedEntrySchema = z.strictObject(wrappedEntryShape);
const pluginEntrySchema = z.strictObject(pluginEntryShape);

export type QuotaOverrides = z.input<typeof quotaOverridesSchema>;
/** A source made in code, with settings: `{ source: nih({ … }), sla: '3d' }`. */
export type WrappedSourceEntry = z.input<typeof wrappedEntrySchema>;
/** A source plugin named by package or path, as JSON and YAML configs do. */
export type PluginSourceEntry = z.input<typeof pluginEntrySchema>;
export type SourceEntry = AnySource | WrappedSourceEntry | PluginSourceEntry;
export type ParsedSourceEntry = z.output<typeof wrappedEntrySchema> | z.output<typeof pluginEntrySchema>;

// The three entry forms are told apart by shape first, so an issue names the fields of the
// form the user meant rather than a union's "no branch matched".
export const sourceEntrySchema = z
  .custom<SourceEntry>(() => true)
  .transform((value, ctx): ParsedSourceEntry => {
    if (isSource(value)) return { source: value, enabled: true };
    const schema = isRecord(value)
      ? 'use' in value
        ? pluginEntrySchema
        : 'source' in value
          ? wrappedEntrySchema
          : undefined
      : undefined;
    if (schema === undefined) {
      if (isRecord(value) && ('id' in value || 'fetchSlice' in value)) {
        const missing = sourceShapeProblems(value).join(', ');
        ctx.addIssue({
          code: 'custom',
          message: `looks like a Source but lacks ${missing}`,
          params: SENTENCE,
        });
      } else {
        ctx.addIssue({ code: 'custom', message: ENTRY_EXPECTED });
      }
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  });

/** Keys allowed in a source entry, its quota and its retry policy, for "did you mean". */
export const SOURCE_ENTRY_KEYS = [
  ...new Set([...Object.keys(pluginEntryShape), ...Object.keys(wrappedEntryShape)]),
];
export const QUOTA_OVERRIDE_KEYS = Object.keys(quotaOverridesShape);
export const RETRY_OVERRIDE_KEYS = Object.keys(retryOverridesShape);
