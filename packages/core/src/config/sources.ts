import { z } from 'zod';
import { errorReason } from '../errors.js';
import { isValidSourceId } from '../partitions/partition-key.js';
import { parseDuration } from '../quota/duration.js';
import { mergeQuota } from '../quota/quota-schema.js';
import type { Quota } from '../quota/types.js';
import type { AnySource } from '../source.js';
import { describeValue } from './describe-value.js';
import { type ConfigIssue, fromZodIssues } from './issues.js';
import type { KeyPath } from './key-path.js';
import { loadPluginSource, type PluginOutcome } from './plugin.js';
import type { ParsedSourceEntry } from './source-entry-schema.js';

/** A configured source, ready for the engine. */
export interface ResolvedSource {
  source: AnySource;
  /** The source's default quota with the configuration's overrides merged in. */
  quota: Quota;
  sla: string;
  slaMs: number;
  range?: string;
  /** The source's lane: partitions worked on at once. Unset: sized from the quota. */
  partitionSlots?: number;
  enabled: boolean;
}

export interface SourcesResolution {
  sources: ResolvedSource[];
  issues: ConfigIssue[];
  /** Secrets the sources declared, to redact from messages. */
  secrets: string[];
}

/**
 * Loads plugin entries and applies each entry's settings over its source's defaults. Every
 * entry is looked at, so one pass reports all problems.
 */
export async function resolveSources(
  entries: readonly ParsedSourceEntry[],
  configFile: string,
): Promise<SourcesResolution> {
  const result: SourcesResolution = { sources: [], issues: [], secrets: [] };
  const firstIndexOfId = new Map<string, number>();

  for (const [index, entry] of entries.entries()) {
    const path: KeyPath = ['sources', index];
    // Typed, so the two branches make one discriminated union whatever order tsc meets them in.
    const outcome: PluginOutcome =
      'source' in entry
        ? { source: entry.source }
        : await loadPluginSource({ use: entry.use, options: entry.options, path, configFile });
    if (outcome.issue) {
      result.issues.push(outcome.issue);
      continue;
    }
    const { source } = outcome;
    result.secrets.push(...(source.secrets ?? []));

    const before = result.issues.length;
    checkId(source.id, index, firstIndexOfId, result.issues);
    const quota = resolveQuota(source, entry, path, result.issues);
    const sla = entry.sla ?? source.sla;
    const slaMs = resolveSla(source, sla, path, result.issues);
    if (entry.range !== undefined) checkRange(source, entry.range, path, result.issues);
    if (result.issues.length > before || quota === undefined || slaMs === undefined) continue;

    result.sources.push({
      source,
      quota,
      sla,
      slaMs,
      enabled: entry.enabled,
      ...(entry.range === undefined ? {} : { range: entry.range }),
      ...(entry.partitionSlots === undefined ? {} : { partitionSlots: entry.partitionSlots }),
    });
  }
  return result;
}

function checkId(
  id: string,
  index: number,
  firstIndexOfId: Map<string, number>,
  issues: ConfigIssue[],
): void {
  const path = ['sources', index];
  if (!isValidSourceId(id)) {
    issues.push({
      path,
      message: `has source id ${describeValue(id)}, which is not valid: use lower-case letters, digits and "_", starting with a letter, at most 32 characters`,
    });
    return;
  }
  const first = firstIndexOfId.get(id);
  if (first === undefined) {
    firstIndexOfId.set(id, index);
    return;
  }
  issues.push({
    path,
    message: `repeats source id "${id}", which sources[${first}] already has; source ids must be unique`,
  });
}

function resolveQuota(
  source: AnySource,
  entry: ParsedSourceEntry,
  path: KeyPath,
  issues: ConfigIssue[],
): Quota | undefined {
  const quotaPath = [...path, 'quota'];
  try {
    // A plugin without a default quota gets every missing key named by the validation below.
    return mergeQuota(source.quota ?? ({} as Quota), entry.quota);
  } catch (err) {
    // mergeQuota validates the merged whole (maxDelayMs >= baseDelayMs); its zod issues say which key.
    const cause = err instanceof Error ? err.cause : undefined;
    if (cause instanceof z.ZodError) {
      const merged = {
        ...source.quota,
        ...entry.quota,
        retry: { ...source.quota?.retry, ...entry.quota?.retry },
      };
      issues.push(
        ...fromZodIssues(cause.issues, { input: merged, basePath: quotaPath, expectations: false }),
      );
    } else {
      issues.push({ path: quotaPath, message: `is invalid for source "${source.id}": ${String(err)}` });
    }
    return undefined;
  }
}

function resolveSla(
  source: AnySource,
  sla: string,
  path: KeyPath,
  issues: ConfigIssue[],
): number | undefined {
  try {
    return parseDuration(sla);
  } catch {
    // The entry's own sla was checked by the schema, so only a plugin's default gets here.
    issues.push({
      path: [...path, 'sla'],
      message: `is missing and source "${source.id}" has no valid default (it has ${describeValue(sla)}); set one like "7d"`,
    });
    return undefined;
  }
}

function checkRange(source: AnySource, range: string, path: KeyPath, issues: ConfigIssue[]): void {
  if (typeof source.cohort.parseRange !== 'function') return;
  try {
    source.cohort.parseRange(range);
  } catch (err) {
    const reason = errorReason(err);
    issues.push({
      path: [...path, 'range'],
      message: `is not a range of source "${source.id}": ${reason}`,
    });
  }
}
