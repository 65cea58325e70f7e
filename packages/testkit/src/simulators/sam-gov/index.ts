import { servingOptions, startSimulator } from '../../sim/simulator.js';
import type { RateLimitConfig } from '../../sim/types.js';
import { SamDataset } from './dataset.js';
import { parseMultiValue } from './query.js';
import { buildEntity, project } from './record.js';
import {
  apiKeyOf,
  buildHit,
  EntitySearch,
  keyGate,
  samResponses,
  samRoutes,
  samSchemaChange,
} from './routes.js';
import {
  SAM_SECTIONS,
  type SamApiVersion,
  type SamGovSimulator,
  type SamGovSimulatorOptions,
  type SamKeyRole,
  type SamLookup,
  type SamSection,
} from './types.js';

/** Requests per key per 24 hours, by kind of key (official docs). */
export const SAM_DAILY_LIMITS: Readonly<Record<SamKeyRole, number>> = {
  personal: 10,
  role: 1_000,
  federal: 10_000,
};

const DAY_MS = 86_400_000;

/** The daily quota of a role, reset at midnight UTC: a fixed window of one UTC day. */
export function samDailyRateLimit(role: SamKeyRole): RateLimitConfig {
  return { requests: SAM_DAILY_LIMITS[role], intervalMs: DAY_MS, window: 'fixed' };
}

export const SAM_DEFAULT_API_KEY = 'sam-sim-key';

export { SamDataset } from './dataset.js';
export {
  DATES_DETAIL as SAM_DATES_DETAIL,
  DATES_MESSAGE as SAM_DATES_MESSAGE,
  INVALID_KEY_MESSAGE as SAM_INVALID_KEY_MESSAGE,
  MISSING_KEY_MESSAGE as SAM_MISSING_KEY_MESSAGE,
  QUOTA_CODE as SAM_QUOTA_CODE,
  RESULTS_TOO_LARGE_DETAIL as SAM_RESULTS_TOO_LARGE_DETAIL,
  RESULTS_TOO_LARGE_MESSAGE as SAM_RESULTS_TOO_LARGE_MESSAGE,
  SIZE_DETAIL as SAM_SIZE_DETAIL,
  TOO_MANY_UEIS_DETAIL as SAM_TOO_MANY_UEIS_DETAIL,
  TOO_MANY_UEIS_MESSAGE as SAM_TOO_MANY_UEIS_MESSAGE,
} from './messages.js';
export {
  MAX_RESULTS as SAM_MAX_RESULTS,
  MAX_SIZE as SAM_MAX_SIZE,
  MAX_UEIS as SAM_MAX_UEIS,
} from './query.js';
export { SAM_ENTITIES_PATH, SAM_ENTITIES_PATH_V4 } from './routes.js';
export * from './types.js';

function sectionsOf(names: readonly string[] | undefined): Set<SamSection> {
  if (!names) return new Set<SamSection>(['entityRegistration', 'coreData', 'assertions', 'pointsOfContact']);
  const out = new Set<SamSection>();
  for (const name of names) {
    const match = SAM_SECTIONS.find((s) => s.toLowerCase() === name.trim().toLowerCase());
    if (!match) throw new RangeError(`[freshet] [sim:sam_gov] unknown section ${JSON.stringify(name)}`);
    out.add(match);
  }
  return out;
}

/** Starts a simulated `api.sam.gov` Entity Management API on 127.0.0.1 with a seeded dataset. */
export async function startSamGovSimulator(options: SamGovSimulatorOptions = {}): Promise<SamGovSimulator> {
  const ds = new SamDataset(options);
  const finder = new EntitySearch(ds);
  const keys = options.apiKeys ?? [SAM_DEFAULT_API_KEY];
  if (keys.length === 0) throw new RangeError('[freshet] [sim:sam_gov] apiKeys needs at least one key');
  const acceptKeyHeader = options.acceptKeyHeader ?? false;
  const serving = servingOptions(options, samDailyRateLimit(options.role ?? 'role'));
  return startSimulator({
    server: {
      name: 'sam_gov',
      routes: samRoutes(ds, finder),
      ...serving,
      // The quota is per key, read from where the gate reads it.
      gate: keyGate(new Set(keys), acceptKeyHeader),
      clientKey: (req) => apiKeyOf(req, acceptKeyHeader) ?? req.ip,
      schemaChange: samSchemaChange,
      responses: samResponses,
    },
    mutate: (opts) => ds.mutate(opts),
    extras: {
      size: ds.size,
      apiKey: keys[0] as string,
      dailyLimit: serving.rateLimit?.requests ?? null,
      ueis: () => [...ds.uei],
      entity: (uei: string, version: SamApiVersion = 'v3') => {
        const i = ds.indexOf(uei);
        return i === undefined ? undefined : buildEntity(ds, i, version);
      },
      registrations: (uei: string, version: SamApiVersion = 'v3') => {
        const i = ds.indexOf(uei);
        if (i === undefined) return [];
        return Array.from({ length: ds.registrationCount(i) }, (_, r) => buildEntity(ds, i, version, r));
      },
      multiRegistrationUeis: () => ds.uei.filter((_, i) => ds.registrationCount(i) > 1),
      truth: (ueis: readonly string[], lookup: SamLookup = {}) => {
        const sections = sectionsOf(lookup.includeSections);
        const hits = finder.find({
          ueis: [...new Set(ueis.flatMap((u) => parseMultiValue(u)))],
          ...(lookup.registrationStatus ? { active: lookup.registrationStatus === 'A' } : {}),
        });
        return hits.map((hit) => project(buildHit(ds, hit, lookup.version ?? 'v3'), sections));
      },
      missingUeis: (count: number) => ds.missingUeis(count),
    },
  });
}
