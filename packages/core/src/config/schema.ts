import { z } from 'zod';
import { DEFAULT_HISTORY_RETENTION } from '../store/history-retention.js';
import { assetNameSchema } from './asset-name.js';
import { hasCronFieldCount, isTimeZone } from './checks.js';
import { positiveInt, text } from './fields.js';
import type { KeyPath } from './key-path.js';
import { NOTIFY_TARGET_KEYS, notifySchema } from './notify-schema.js';
import { limiterSchema, STORE_KEYS, storeSchema } from './service-schema.js';
import {
  QUOTA_OVERRIDE_KEYS,
  RETRY_OVERRIDE_KEYS,
  SOURCE_ENTRY_KEYS,
  sourceEntrySchema,
} from './source-entry-schema.js';

export { DEFAULT_STORE_PATH } from './service-schema.js';
export type {
  ParsedSourceEntry,
  PluginSourceEntry,
  QuotaOverrides,
  SourceEntry,
  WrappedSourceEntry,
} from './source-entry-schema.js';
export const DEFAULT_STATE_PATH = 'data/state/enrichment_refresh_state.json';
export const DEFAULT_CRON = '0 2 * * *';

// Messages are expectations that complete "<key path> must be …".
const stateShape = { path: text('a file path').default(DEFAULT_STATE_PATH) };

const CRON_EXPECTED = `a cron expression of 5 or 6 fields, like "${DEFAULT_CRON}" (02:00 daily)`;
const TIME_ZONE_EXPECTED = 'an IANA time zone, like "UTC" or "America/New_York"';
const scheduleShape = {
  cron: text(CRON_EXPECTED).refine(hasCronFieldCount, { error: CRON_EXPECTED }).default(DEFAULT_CRON),
  timezone: text(TIME_ZONE_EXPECTED).refine(isTimeZone, { error: TIME_ZONE_EXPECTED }).default('UTC'),
};

const sensorShape = {
  upstreamAssets: z.array(assetNameSchema, { error: 'a list of asset names' }).default([]),
  intervalSeconds: positiveInt().default(60),
};

const runShape = {
  // Unset: no run-wide cap, each source's lane (partitionSlots) alone bounds its partitions.
  maxParallelPartitions: positiveInt().optional(),
  leaseTtlSeconds: positiveInt().default(300),
  /** `partition.failed_repeatedly` is sent when a partition fails this many runs in a row. */
  notifyAfterFailures: positiveInt().default(3),
};

// Defaults in DEFAULT_HISTORY_RETENTION (why there); a revision goes when either limit passes it.
const historyShape = {
  keepRevisions: positiveInt().default(DEFAULT_HISTORY_RETENTION.keepRevisions),
  keepDays: positiveInt().default(DEFAULT_HISTORY_RETENTION.keepDays),
};

const configShape = {
  store: storeSchema.prefault({}),
  limiter: limiterSchema.prefault({ use: 'memory' }),
  state: z.strictObject(stateShape, { error: 'an object like { path: "…" }' }).prefault({}),
  schedule: z
    .strictObject(scheduleShape, { error: 'an object like { cron: "0 2 * * *", timezone: "UTC" }' })
    .prefault({}),
  sensor: z
    .strictObject(sensorShape, { error: 'an object like { upstreamAssets: [], intervalSeconds: 60 }' })
    .prefault({}),
  run: z
    .strictObject(runShape, { error: 'an object like { maxParallelPartitions: 8, leaseTtlSeconds: 300 }' })
    .prefault({}),
  history: z
    .strictObject(historyShape, { error: 'an object like { keepRevisions: 5, keepDays: 30 }' })
    .prefault({}),
  sources: z.array(sourceEntrySchema, { error: 'a list of sources' }).default([]),
  notify: notifySchema,
};

export const freshetConfigSchema = z.strictObject(configShape, {
  error: 'an object (the Freshet configuration)',
});

/** What a `freshet.config.*` file holds; every key is optional. */
export type FreshetConfig = z.input<typeof freshetConfigSchema>;
/** The configuration with defaults applied, before plugins load and paths resolve. */
export type ParsedConfig = z.output<typeof freshetConfigSchema>;

/** Identity function that gives `freshet.config.ts` type checking and completion. */
export function defineConfig(config: FreshetConfig): FreshetConfig {
  return config;
}

const KNOWN_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['', Object.keys(configShape)],
  ['store', STORE_KEYS],
  ['state', Object.keys(stateShape)],
  ['schedule', Object.keys(scheduleShape)],
  ['sensor', Object.keys(sensorShape)],
  ['run', Object.keys(runShape)],
  ['history', Object.keys(historyShape)],
  ['sources.#', SOURCE_ENTRY_KEYS],
  ['sources.#.quota', QUOTA_OVERRIDE_KEYS],
  ['sources.#.quota.retry', RETRY_OVERRIDE_KEYS],
  ['notify.#', NOTIFY_TARGET_KEYS],
]);

/** The keys allowed in the object at `path`, for "did you mean" on a typo. */
export function knownConfigKeysAt(path: KeyPath): readonly string[] {
  const pattern = path.map((key) => (typeof key === 'number' ? '#' : String(key))).join('.');
  return KNOWN_KEYS.get(pattern) ?? [];
}
