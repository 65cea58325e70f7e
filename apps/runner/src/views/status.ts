import {
  byMostOverdue,
  errorText,
  type Json,
  type ResolvedSource,
  type SlaGap,
  type Store,
  utcDay,
  validateStateArtifact,
} from '@freshet/core';
import { resolveScope } from '../planner/scope.js';
import { EMPTY_SCOPE } from '../planner/types.js';
import { liveLeases, RUN_LOCK_KEY } from '../runs/run-lock.js';
import { LAST_TICK_META_KEY } from '../schedule/schedule-tick.js';
import { createTicks } from '../schedule/ticks.js';
import { refreshSensor } from '../sensor/sensor.js';
import { type FleetStatus, fleetStatus } from './fleet.js';
import type { ViewProject } from './project.js';

/** How many of the most overdue SLA gaps the report lists. */
const TOP_GAPS = 10;

/**
 * The first-party sources that need an API key, and the variable the default configuration
 * reads it from (each package's *_API_KEY_ENV; status.test.ts checks they agree). Written out
 * so that status loads no source package a configuration does not use.
 */
const KEY_ENVS: Readonly<Record<string, string>> = {
  patentsview: 'PATENTSVIEW_API_KEY',
  sam_gov: 'SAM_GOV_API_KEY',
};

/**
 * Why a source is disabled: the configuration says `enabled: false`; and when it is a source
 * that needs a key and has none (it names no secret), that is the likely reason, and its fix.
 */
export function disabledReason(resolved: ResolvedSource): string | null {
  if (resolved.enabled) return null;
  const keyEnv = KEY_ENVS[resolved.source.id];
  const keyless = keyEnv !== undefined && (resolved.source.secrets ?? []).length === 0;
  return `disabled in the configuration (enabled: false)${keyless ? `; no API key: set ${keyEnv}` : ''}`;
}

export type SourceStatus = {
  source: string;
  enabled: boolean;
  /** Why the source is disabled (null when it is enabled): what the configuration says, and the fix when known. */
  disabled: string | null;
  sla: string;
  partitions: { total: number; complete: number; running: number; failed: number; neverRun: number } | null;
  slaGaps: number;
  quota: { dailyBudget: number | null; usedToday: number };
  problem: string | null;
};

export type GapStatus = {
  partitionKey: string;
  reason: string;
  breachedSince: string | null;
  staleRecords: number;
};

export type StatusReport = {
  configFile: string | null;
  store: string;
  stateArtifact: {
    path: string;
    status: 'valid' | 'absent' | 'invalid';
    runId: string | null;
    message: string | null;
  };
  sensor: { status: string; reason: string; since: string; upstreamAssets: string[] };
  schedule: { cron: string; timezone: string; nextTick: string | null; lastTickSeen: Json };
  runInProgress: string | null;
  /** The leader and the workers sharing the store (`freshet worker`). */
  fleet: FleetStatus;
  lastRuns: Array<{ id: string; trigger: string; status: string; startedAt: string; error: string | null }>;
  sources: SourceStatus[];
  /** The most overdue SLA gaps, at most 10. */
  slaGaps: GapStatus[];
};

/**
 * The overview: sensor, schedule, state artifact, runs, and per-source freshness. What
 * `freshet status` prints, `/api/status` answers and the UI's overview page shows.
 */
export async function gatherStatus(project: ViewProject): Promise<StatusReport> {
  const { store, config, clock } = project;
  const now = clock.now();
  const [sensor, leases, runs, lastTickSeen, artifact] = await Promise.all([
    refreshSensor({ store, upstreamAssets: config.sensor.upstreamAssets, clock }),
    // A run whose process died on this host is not in progress (the next run frees its lock).
    liveLeases(store, now),
    store.listRuns({ limit: 5 }),
    store.getMeta(LAST_TICK_META_KEY),
    artifactStatus(store, config.state.path),
  ]);
  const gaps: SlaGap[] = [];
  const sources: SourceStatus[] = [];
  for (const resolved of config.sources) {
    const { status, gaps: sourceGaps } = await sourceStatus(store, resolved, now, config.rootDir);
    sources.push(status);
    gaps.push(...sourceGaps);
  }
  gaps.sort(byMostOverdue);
  return {
    configFile: project.configFile,
    store: config.store.label,
    stateArtifact: artifact,
    sensor: {
      status: sensor.state.status,
      reason: sensor.state.reason,
      since: sensor.state.since,
      upstreamAssets: config.sensor.upstreamAssets,
    },
    schedule: {
      cron: config.schedule.cron,
      timezone: config.schedule.timezone,
      nextTick: createTicks(config.schedule).nextTick(now)?.toISOString() ?? null,
      lastTickSeen,
    },
    runInProgress: leases.find((l) => l.partitionKey === RUN_LOCK_KEY)?.holder ?? null,
    fleet: fleetStatus(leases, config.sensor.intervalSeconds, config.limiter.label),
    lastRuns: runs.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status,
      startedAt: r.startedAt.toISOString(),
      error: r.error ? `${r.error.code}: ${r.error.message}` : null,
    })),
    sources,
    slaGaps: gaps.slice(0, TOP_GAPS).map((g) => ({
      partitionKey: g.partitionKey,
      reason: g.reason,
      breachedSince: g.breachedSince?.toISOString() ?? null,
      staleRecords: g.staleRecords,
    })),
  };
}

async function artifactStatus(store: Store, path: string): Promise<StatusReport['stateArtifact']> {
  try {
    const validation = await validateStateArtifact(store, path);
    return validation.status === 'valid'
      ? { path, status: 'valid', runId: validation.artifact.runId, message: null }
      : { path, status: 'absent', runId: null, message: 'no run has succeeded yet' };
  } catch (err) {
    const message = errorText(err);
    return { path, status: 'invalid', runId: null, message };
  }
}

async function sourceStatus(
  store: Store,
  resolved: ResolvedSource,
  now: Date,
  rootDir: string,
): Promise<{ status: SourceStatus; gaps: SlaGap[] }> {
  const id = resolved.source.id;
  const base: SourceStatus = {
    source: id,
    enabled: resolved.enabled,
    disabled: disabledReason(resolved),
    sla: resolved.sla,
    partitions: null,
    slaGaps: 0,
    quota: { dailyBudget: resolved.quota.dailyBudget, usedToday: await store.quotaUsed(id, utcDay(now)) },
    problem: null,
  };
  if (!resolved.enabled) return { status: base, gaps: [] };
  const { partitions, problems } = await resolveScope({
    sources: [resolved],
    scope: { ...EMPTY_SCOPE, sources: [id] },
    now,
    store,
    rootDir,
  });
  if (problems.length > 0) {
    return { status: { ...base, problem: problems.map((p) => p.message).join('; ') }, gaps: [] };
  }
  // Counts and the top gaps come from the store: the other 100,000s of rows stay there.
  const summary = await store.freshnessSummary({
    source: id,
    partitionKeys: partitions.map((p) => p.key),
    slaMs: resolved.slaMs,
    now,
    mostOverdue: TOP_GAPS,
  });
  // The report's ten most overdue are among each source's ten most overdue.
  return {
    status: { ...base, partitions: summary.partitions, slaGaps: summary.slaGaps },
    gaps: summary.mostOverdue,
  };
}
