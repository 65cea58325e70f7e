import { z } from 'zod';
import { text } from './fields.js';

export const DEFAULT_STORE_PATH = 'data/freshet.sqlite';

/** Short names for the first-party plugins: `use: 'postgres'`, `use: 'redis'`. */
export const STORE_PLUGIN_ALIASES: Readonly<Record<string, string>> = { postgres: '@freshet/store-postgres' };
export const LIMITER_PLUGIN_ALIASES: Readonly<Record<string, string>> = { redis: '@freshet/limiter-redis' };

const PLUGIN_NAME = 'a package name or a path';

// Messages are expectations that complete "<key path> must be …".
const sqliteStoreShape = {
  kind: z.literal('sqlite', { error: '"sqlite", or give `use` to name a store plugin' }).default('sqlite'),
  path: text('a file path').default(DEFAULT_STORE_PATH),
};
const sqliteStoreSchema = z.strictObject(sqliteStoreShape);
// A plugin's own options sit beside `use` and are checked by the plugin when it opens.
const pluginStoreSchema = z.looseObject({
  use: text(`${PLUGIN_NAME}, like "postgres" or "@freshet/store-postgres"`),
});

const memoryLimiterSchema = z.strictObject({ use: z.literal('memory') });
const pluginLimiterSchema = z.looseObject({ use: text(`"memory", "redis" or ${PLUGIN_NAME}`) });

export type StoreConfig = z.input<typeof sqliteStoreSchema> | z.input<typeof pluginStoreSchema>;
export type ParsedStoreConfig =
  | z.output<typeof sqliteStoreSchema>
  | { kind: 'plugin'; use: string; options: Record<string, unknown> };
export type LimiterConfig = { use: 'memory' } | z.input<typeof pluginLimiterSchema>;
export type ParsedLimiterConfig =
  | { kind: 'memory' }
  | { kind: 'plugin'; use: string; options: Record<string, unknown> };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses with `schema`, passing its issues on, so an issue names the fields of the form the
 * user meant (by `use` or not) rather than a union's "no branch matched".
 */
function parseForm<S extends z.ZodType>(schema: S, value: unknown, ctx: z.RefinementCtx): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  return z.NEVER;
}

function splitUse(
  value: { use: string } & Record<string, unknown>,
  aliases: Readonly<Record<string, string>>,
) {
  const { use, ...options } = value;
  return { kind: 'plugin' as const, use: aliases[use] ?? use, options };
}

export const storeSchema = z
  .custom<StoreConfig>(() => true)
  .transform((value, ctx): ParsedStoreConfig => {
    if (isRecord(value) && 'use' in value)
      return splitUse(parseForm(pluginStoreSchema, value, ctx), STORE_PLUGIN_ALIASES);
    if (!isRecord(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'an object like { path: "data/freshet.sqlite" } or { use: "postgres", url: "…" }',
      });
      return z.NEVER;
    }
    return parseForm(sqliteStoreSchema, value, ctx);
  });

export const limiterSchema = z
  .custom<LimiterConfig>(() => true)
  .transform((value, ctx): ParsedLimiterConfig => {
    if (!isRecord(value) || !('use' in value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'an object like { use: "memory" } or { use: "redis", url: "redis://…" }',
      });
      return z.NEVER;
    }
    if (value.use === 'memory') {
      parseForm(memoryLimiterSchema, value, ctx);
      return { kind: 'memory' };
    }
    return splitUse(parseForm(pluginLimiterSchema, value, ctx), LIMITER_PLUGIN_ALIASES);
  });

/** Keys of the embedded store's object, for "did you mean" on a typo. */
export const STORE_KEYS = [...Object.keys(sqliteStoreShape), 'use'];
