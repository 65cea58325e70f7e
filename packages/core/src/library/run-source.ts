import { systemClock } from '../clock.js';
import { executePartitions } from '../engine/executor.js';
import { newRunId } from '../engine/run-id.js';
import type { PartitionOutcome, PartitionResult } from '../engine/types.js';
import { ErrorCodes, FreshetError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { parseDuration } from '../quota/duration.js';
import { mergeQuota } from '../quota/quota-schema.js';
import type { AnySource } from '../source.js';
import { finishRunRow, startedRunRow } from './run-row.js';
import type {
  RunSourceOptions,
  RunSourceResult,
  RunSourceStatus,
  RunSourceTotals,
} from './run-source-types.js';
import { selectPartitions } from './select-partitions.js';
import { wireSource } from './wire-source.js';

/** Long enough to outlast a slow slice; the engine renews it while a partition is worked on. */
const LEASE_TTL_MS = 60_000;

/**
 * Runs a source's partitions into a store, with the source's default quota and SLA unless the
 * options change them: the limiter, the HTTP client and the engine are wired inside. Partitions
 * past their SLA (or all, with `force`) are fetched again from the beginning; unfinished ones
 * resume from their checkpoint; fresh ones are skipped. Each partition is leased while worked
 * on, so a `freshet` daemon on the same store never works on it at the same time.
 *
 * Resolves once every partition has ended, whatever their outcome: a failed partition is in
 * the result with its error, and the others go on. Rejects only for bad options or a store
 * that fails before the run is recorded.
 */
export async function runSource(source: AnySource, options: RunSourceOptions): Promise<RunSourceResult> {
  checkArguments(source, options);
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const quota = mergeQuota(source.quota, options.quota);
  const slaMs = parseDuration(options.sla ?? source.sla);
  const force = options.force ?? false;
  const startedAt = clock.now();

  const work = await selectPartitions(source, {
    store,
    partitions: options.partitions,
    window: options.window,
    force,
    slaMs,
    now: startedAt,
    rootDir: options.rootDir,
  });
  const run = startedRunRow({
    runId: newRunId(startedAt),
    sourceId: source.id,
    partitions: options.partitions ?? [],
    window: options.window ?? null,
    force,
    startedAt,
  });
  await store.createRun(run);

  const engineSource = wireSource({
    source,
    quota,
    slaMs,
    store,
    clock,
    logger,
    partitionSlots: options.concurrency,
    rootDir: options.rootDir,
  });
  let results: PartitionResult[];
  try {
    results = await executePartitions({
      store,
      sources: new Map([[source.id, engineSource]]),
      work,
      runId: run.id,
      lease: { holder: run.id, ttlMs: LEASE_TTL_MS },
      clock,
      logger,
      ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
      ...(options.signal ? { abortSignal: options.signal } : {}),
      ...(options.onProgress ? { onEvent: options.onProgress } : {}),
    });
  } finally {
    await engineSource.limiter.stop();
  }

  const stopped = options.stopSignal?.aborted === true || options.signal?.aborted === true;
  const status = statusOf(results, stopped);
  const totals = totalsOf(results);
  const finishedAt = clock.now();
  await finishRunRow(store, run, { status, results, totals, finishedAt });
  return { runId: run.id, source: source.id, status, partitions: results, totals, startedAt, finishedAt };
}

function statusOf(results: readonly PartitionResult[], stopped: boolean): RunSourceStatus {
  if (results.every((r) => r.outcome === 'complete' || r.outcome === 'skipped')) return 'succeeded';
  return stopped ? 'interrupted' : 'failed';
}

function totalsOf(results: readonly PartitionResult[]): RunSourceTotals {
  const partitions: Record<PartitionOutcome, number> = {
    complete: 0,
    failed: 0,
    skipped: 0,
    locked: 0,
    interrupted: 0,
    deferred: 0,
  };
  const totals: RunSourceTotals = { partitions, written: 0, unchanged: 0, notFound: 0, apiCalls: 0 };
  for (const result of results) {
    partitions[result.outcome]++;
    totals.written += result.counts.written;
    totals.unchanged += result.counts.unchanged;
    totals.notFound += result.counts.notFound;
    totals.apiCalls += result.counts.apiCalls;
  }
  return totals;
}

/** Plain-JavaScript callers get a message that names the mistake rather than a TypeError deep inside. */
function checkArguments(source: AnySource, options: RunSourceOptions): void {
  const invalid = (message: string) => new FreshetError(ErrorCodes.CONFIG_INVALID, `runSource: ${message}`);
  if (
    typeof source !== 'object' ||
    source === null ||
    typeof source.id !== 'string' ||
    typeof source.fetchSlice !== 'function'
  ) {
    throw invalid(
      'the first argument must be a source, such as nih() from @freshet/source-nih or one made with defineSource()',
    );
  }
  if (typeof options !== 'object' || options === null || typeof options.store?.transaction !== 'function') {
    throw invalid(
      "options.store must be an open store, e.g. await openSqliteStore({ path: 'data/freshet.sqlite' }) from @freshet/core/sqlite",
    );
  }
  const { concurrency } = options;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw invalid(`concurrency must be a whole number of partitions, 1 or more; got ${String(concurrency)}`);
  }
}
