import {
  type CohortKind,
  type CohortScheme,
  ErrorCodes,
  errorReason,
  escapeControlChars,
  FreshetError,
  formatPartitionKey,
  type Partition,
  parsePartitionKey,
  parsePartitionWindow,
  quoteInput,
  type ResolvedSource,
  type Store,
  toFreshetError,
  truncateInput,
} from '@freshet/core';
import type { RunScope } from './types.js';

export interface ResolveScopeOptions {
  sources: readonly ResolvedSource[];
  scope: RunScope;
  now: Date;
  /**
   * The project root (the config's `rootDir`): what a relative path in a source's options
   * means (SAM.gov's `ueiFile`), as it means for `store.path`. Undefined: the working directory.
   */
  rootDir: string | undefined;
  /** For sources whose partitions come from other sources' records (SAM.gov UEIs). */
  store: Pick<Store, 'recordKeys'>;
}

/** A source that could not list its partitions; the rest of the scope goes ahead. */
export type ScopeProblem = { source: string; code: string; message: string };

/**
 * A source the scope left out although it is enabled, and why: a `--window` of ISO weeks
 * given without `--source` leaves out the sources whose cohorts are fiscal years or batches.
 * Unlike a problem, it does not fail a run: the rest of the scope is what was asked for.
 */
export type ScopeNote = { source: string; message: string };

export interface ScopeResolution {
  partitions: Partition[];
  problems: ScopeProblem[];
  notes: ScopeNote[];
}

/**
 * The partitions a scope covers, de-duplicated, in the order found. Explicit partitions and a
 * window are parsed strictly and throw SOURCE_UNKNOWN, PARTITION_KEY_INVALID or
 * CONFIG_INVALID with the fix in the message. With neither, each source in scope lists its
 * own partitions; one that cannot (a bad UEI file, say) is reported as a problem, so it does
 * not hold up the other sources.
 */
export async function resolveScope(options: ResolveScopeOptions): Promise<ScopeResolution> {
  const { scope } = options;
  const explicit = parseExplicitScope(options.sources, scope);
  if (scope.partitions.length > 0 || scope.window !== null)
    return { partitions: explicit.partitions, problems: [], notes: explicit.notes };
  const found = new Map<string, Partition>();
  const problems: ScopeProblem[] = [];
  for (const resolved of explicit.sources) {
    try {
      for (const partition of await listedPartitions(resolved, options)) {
        if (!found.has(partition.key)) found.set(partition.key, partition);
      }
    } catch (err) {
      const error = toFreshetError(err, resolved.source.id);
      problems.push({
        source: resolved.source.id,
        code: error.code,
        message: `could not list its partitions: ${errorReason(error)}`,
      });
    }
  }
  return { partitions: [...found.values()], problems, notes: [] };
}

/**
 * Checks what the scope names itself (sources, partition keys, the window) without asking any
 * source to list partitions: cheap, so a typo is refused before a run is recorded.
 */
export function parseExplicitScope(
  sources: readonly ResolvedSource[],
  scope: RunScope,
): { sources: ResolvedSource[]; partitions: Partition[]; notes: ScopeNote[] } {
  const byId = new Map(sources.map((s) => [s.source.id, s]));
  const named = (scope.sources ?? []).map((id) => requireSource(byId, id, '--source'));
  const inScope = named.length > 0 ? [...new Set(named)] : sources.filter((s) => s.enabled);
  const inScopeIds = new Set(inScope.map((s) => s.source.id));
  const found = new Map<string, Partition>();
  const add = (partition: Partition) => {
    if (!found.has(partition.key)) found.set(partition.key, partition);
  };

  const schemes = new Map<string, CohortScheme>(sources.map((s) => [s.source.id, s.source.cohort]));
  for (const key of scope.partitions) {
    const partition = parsePartitionKey(key, schemes);
    requireSource(byId, partition.source, `--partition ${key}`);
    if (named.length > 0 && !inScopeIds.has(partition.source)) {
      throw usage(
        `--partition ${key} belongs to source ${partition.source}, which --source leaves out (${[...inScopeIds].join(', ')}); add --source ${partition.source} or drop the partition`,
      );
    }
    add(partition);
  }
  const notes: ScopeNote[] = [];
  if (scope.window !== null) {
    const fitted = windowPartitions(inScope, scope.window, named.length > 0);
    for (const partition of fitted.partitions) add(partition);
    notes.push(...fitted.leftOut);
  }
  return { sources: inScope, partitions: [...found.values()], notes };
}

function requireSource(byId: Map<string, ResolvedSource>, id: string, flag: string): ResolvedSource {
  const resolved = byId.get(id);
  if (resolved === undefined) {
    const known = [...byId.keys()];
    throw new FreshetError(
      ErrorCodes.SOURCE_UNKNOWN,
      `${flag} names source ${quoteInput(id)}, which is not configured; ${known.length > 0 ? `configured sources: ${known.join(', ')}` : 'no sources are configured (see config/freshet.config.ts)'}`,
    );
  }
  if (!resolved.enabled) {
    throw usage(
      `${flag} names source ${quoteInput(id)}, which is disabled in the configuration (enabled: false); enable it to run it`,
    );
  }
  return resolved;
}

/**
 * A window names cohorts of one scheme (weeks, months, years, batches). Sources named with
 * --source must all accept it; otherwise it applies to the sources whose scheme accepts it,
 * and each one it leaves out is noted, with why.
 */
function windowPartitions(
  inScope: readonly ResolvedSource[],
  window: string,
  explicit: boolean,
): { partitions: Partition[]; leftOut: ScopeNote[] } {
  const partitions: Partition[] = [];
  const refusals: Array<{ source: ResolvedSource['source']; reason: string }> = [];
  const accepting = new Set<CohortKind>();
  // Echoed in every refusal below: cut and escaped, as it is whatever was typed or posted.
  const shown = escapeControlChars(truncateInput(window));
  for (const { source } of inScope) {
    try {
      partitions.push(...parsePartitionWindow(source.id, source.cohort, window));
      accepting.add(source.cohort.kind);
    } catch (err) {
      const reason = errorReason(err);
      if (explicit) {
        throw new FreshetError(
          ErrorCodes.PARTITION_KEY_INVALID,
          `--window ${shown} for source ${source.id}: ${reason}`,
          {
            cause: err,
          },
        );
      }
      refusals.push({ source, reason });
    }
  }
  if (partitions.length === 0) {
    throw new FreshetError(
      ErrorCodes.PARTITION_KEY_INVALID,
      inScope.length === 0
        ? `--window ${shown}: no sources are enabled`
        : `--window ${shown} fits none of the sources in scope. ${refusals.map((r) => `${r.source.id}: ${r.reason}`).join(' ')}`,
    );
  }
  const leftOut = refusals.map(({ source, reason }) => ({
    source: source.id,
    // Another source with the same kind of cohorts took the window: the kind is not why.
    message: accepting.has(source.cohort.kind)
      ? `left out by --window ${shown}: ${reason}`
      : `left out by --window ${shown}: its cohorts are ${COHORT_NOUNS[source.cohort.kind] ?? source.cohort.kind} (a ${source.id} window looks like ${exampleWindow(source.cohort)}); add --source ${source.id} with such a window to run it`,
  }));
  return { partitions, leftOut };
}

/** What a source's cohorts are, in a sentence: "its cohorts are fiscal years". */
const COHORT_NOUNS: Record<CohortKind, string> = {
  batch: 'numbered batches',
  fiscal_year: 'fiscal years',
  calendar_year: 'calendar years',
  iso_week: 'ISO weeks',
  month: 'months',
};

/** A window of five cohorts the scheme accepts, from its example: `2025-W12..2025-W16`. */
export function exampleWindow(scheme: CohortScheme): string {
  try {
    const first = scheme.parseValue(scheme.exampleValue);
    return `${first.value}..${scheme.fromOrdinal(first.ordinal + 4).value}`;
  } catch {
    return scheme.exampleValue;
  }
}

async function listedPartitions(
  resolved: ResolvedSource,
  options: ResolveScopeOptions,
): Promise<Partition[]> {
  const { source } = resolved;
  const cohorts = await source.listPartitions({
    options: source.options,
    now: options.now,
    ...(resolved.range === undefined ? {} : { range: resolved.range }),
    // Relative paths in the options (SAM.gov's ueiFile) mean the project root, as store.path does.
    ...(options.rootDir === undefined ? {} : { rootDir: options.rootDir }),
    recordKeysOf: (sourceId: string, field: string) => options.store.recordKeys(sourceId, field),
  });
  return cohorts.map((cohort) => ({ key: formatPartitionKey(source.id, cohort), source: source.id, cohort }));
}

function usage(message: string): FreshetError {
  return new FreshetError(ErrorCodes.CONFIG_INVALID, message);
}
