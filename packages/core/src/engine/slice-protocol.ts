import { setMaxListeners } from 'node:events';
import type { Clock } from '../clock.js';
import { ErrorCodes, FreshetError, isFreshetError, toFreshetError } from '../errors.js';
import { payloadHash, sha256Hex } from '../hashing.js';
import type { Json } from '../json.js';
import type { Logger } from '../logger.js';
import type { SliceResult } from '../source.js';
import type { Checkpoint, RecordInput, SliceCounts, Store, StoredError } from '../store/types.js';
import { waitOutOutages } from './outage.js';
import { assertDistinctKeys } from './record-keys.js';
import {
  type EngineSource,
  type ExecuteOptions,
  emptyCounts,
  type PartitionResult,
  type PartitionWork,
  type ProtocolStep,
} from './types.js';

export interface PartitionContext {
  store: Store;
  engineSource: EngineSource;
  runId: string;
  clock: Clock;
  logger: Logger;
  options: Pick<ExecuteOptions, 'lease' | 'stopSignal' | 'abortSignal' | 'hooks' | 'onEvent' | 'history'>;
}

type ResultOf = (outcome: PartitionResult['outcome'], extra?: Partial<PartitionResult>) => PartitionResult;

/**
 * Runs one partition through the slice protocol:
 * 1. take the partition's lease (when one is configured), then read the checkpoint (complete
 *    and not refreshed: skip);
 * 2. fetch one slice from the cursor, through the source's limiter;
 * 3. in one transaction: upsert records, update the ledger, save cursor and counts;
 * 4. when the source says `done`, the same transaction marks the checkpoint complete.
 * A crash anywhere repeats at most the slice in flight.
 */
export async function runPartition(work: PartitionWork, ctx: PartitionContext): Promise<PartitionResult> {
  const { clock } = ctx;
  const store = outagePatientStore(ctx);
  const partitionKey = work.partition.key;
  const startedMs = clock.now().getTime();
  const runCounts = emptyCounts();
  const result: ResultOf = (outcome, extra = {}) => ({
    partitionKey,
    source: ctx.engineSource.source.id,
    outcome,
    counts: runCounts,
    retries: 0,
    durationMs: clock.now().getTime() - startedMs,
    error: null,
    resumed: false,
    ...extra,
  });

  // Skipping a complete partition writes nothing, so it needs no lease and is not `locked` while
  // another run holds one. A refresh writes, so it takes the lease: two runs never both refresh.
  const seen = work.refresh ? null : await store.getCheckpoint(partitionKey);
  if (seen?.status === 'complete')
    return result('skipped', seen.runId === ctx.runId ? { completedInRun: true } : {});

  const lease = ctx.options.lease;
  if (!lease) {
    const existing = work.refresh ? await store.getCheckpoint(partitionKey) : seen;
    return runSlices(existing, work, ctx, result, runCounts);
  }
  const grant = await store.acquireLease(partitionKey, lease.holder, lease.ttlMs, clock.now());
  if (!grant) {
    return result('locked', {
      error: { code: ErrorCodes.PARTITION_LOCKED, message: `${partitionKey} is leased by another run` },
    });
  }
  try {
    // Read again under the lease: a holder that has since died may have committed more slices
    // (or completed the partition) after the read above.
    const existing = await store.getCheckpoint(partitionKey);
    // Workers sharing a run each try every partition they find free: one that completed in
    // this run (its holder just let go) is done, not refreshed twice.
    if (existing?.status === 'complete' && existing.runId === ctx.runId) {
      return result('skipped', { completedInRun: true });
    }
    if (existing?.status === 'complete' && !work.refresh) return result('skipped');
    const fence = { holder: lease.holder, ttlMs: lease.ttlMs, token: grant.token };
    return await runSlices(existing, work, ctx, result, runCounts, fence);
  } finally {
    await store.releaseLease(partitionKey, lease.holder).catch(() => {});
  }
}

/** The lease a partition is worked under: every write checks its token first. */
interface Fence {
  holder: string;
  ttlMs: number;
  token: number;
}

/** Steps 2 to 4, from `existing` (null: never run), under the lease when one is configured. */
async function runSlices(
  existing: Checkpoint | null,
  work: PartitionWork,
  ctx: PartitionContext,
  result: ResultOf,
  runCounts: SliceCounts,
  fence: Fence | null = null,
): Promise<PartitionResult> {
  const { clock, runId } = ctx;
  const store = outagePatientStore(ctx);
  const { source } = ctx.engineSource;
  const partitionKey = work.partition.key;
  // Every write of the partition in one transaction that first checks the lease is still ours:
  // a holder paused past its lease (a stopped process, a long GC) can never commit after a take-over.
  const commit: Commit = (write) =>
    store.transaction(async (tx) => {
      if (fence) await tx.checkLease(partitionKey, fence.holder, fence.token);
      return write(tx);
    });
  const resumed = existing !== null && existing.status !== 'complete';
  let checkpoint = startCheckpoint(existing, work, runId, clock.now());
  const http = ctx.engineSource.createHttp();
  const logger = ctx.logger;
  let retries = 0;
  let lastLeaseRenewMs = clock.now().getTime();

  try {
    await commit((tx) => tx.saveCheckpoint(checkpoint));
    ctx.options.onEvent?.({ type: 'partition-start', partitionKey, resumed, attempt: checkpoint.attempt });

    for (let slice = 1; ; slice++) {
      if (ctx.options.stopSignal?.aborted) {
        return result('interrupted', { resumed, retries });
      }
      const cursor = checkpoint.cursor;
      await hook(ctx, 'beforeFetch', partitionKey, slice, cursor);

      const callsBefore = http.stats();
      const sliceStartMs = clock.now().getTime();
      let fetched: SliceResult<unknown, Json>;
      try {
        fetched = await source.fetchSlice({
          partition: work.partition,
          cursor,
          options: source.options,
          ...(ctx.engineSource.rootDir === undefined ? {} : { rootDir: ctx.engineSource.rootDir }),
          http,
          signal: ctx.options.abortSignal ?? neverAborted,
          logger,
          clock,
        });
        validateSliceResult(fetched, source.id, cursor);
      } finally {
        const callsAfter = http.stats();
        const calls = callsAfter.calls - callsBefore.calls;
        retries += callsAfter.retries - callsBefore.retries;
        runCounts.apiCalls += calls;
        checkpoint = {
          ...checkpoint,
          counts: { ...checkpoint.counts, apiCalls: checkpoint.counts.apiCalls + calls },
        };
      }
      await hook(ctx, 'afterFetch', partitionKey, slice, cursor);

      const records = toRecordInputs(fetched.records, ctx.engineSource, partitionKey);
      const now = clock.now();
      const next = await commit(async (tx) => {
        const upserted = await tx.upsertRecords({
          source: source.id,
          partitionKey,
          records,
          at: now,
          runId,
          ...(ctx.options.history ? { keepRevisions: ctx.options.history.keepRevisions } : {}),
        });
        const notFound = fetched.notFound ?? [];
        if (notFound.length > 0) {
          await tx.markLedger({
            source: source.id,
            partitionKey,
            keys: notFound,
            status: 'not_found',
            at: now,
            runId,
          });
        }
        await hook(ctx, 'insideTransaction', partitionKey, slice, cursor);
        const delta: Omit<SliceCounts, 'apiCalls'> = {
          slices: 1,
          written: upserted.written,
          unchanged: upserted.unchanged,
          failed: 0,
          notFound: notFound.length,
        };
        const saved = advanceCheckpoint(checkpoint, fetched, delta, now, now.getTime() - sliceStartMs);
        await tx.saveCheckpoint(saved);
        return { saved, delta };
      });
      checkpoint = next.saved;
      addCounts(runCounts, next.delta);
      await hook(ctx, 'afterCommit', partitionKey, slice, cursor);
      ctx.options.onEvent?.({
        type: 'slice',
        partitionKey,
        slice,
        counts: checkpoint.counts,
        ...(fetched.total === undefined ? {} : { total: fetched.total }),
      });

      if (fetched.done) return result('complete', { resumed, retries });
      if (fence && clock.now().getTime() - lastLeaseRenewMs > fence.ttlMs / 3) {
        if (!(await store.renewLease(partitionKey, fence.holder, fence.token, fence.ttlMs, clock.now()))) {
          throw new FreshetError(
            ErrorCodes.LEASE_LOST,
            `the lease on ${partitionKey} passed to another holder`,
            {
              source: source.id,
              partition: partitionKey,
            },
          );
        }
        lastLeaseRenewMs = clock.now().getTime();
      }
    }
  } catch (err) {
    const error = storedError(err, source.id);
    if (isFreshetError(err, ErrorCodes.LEASE_LOST)) {
      // The partition is another holder's now: writing its checkpoint would be the very write
      // the fence is there to stop.
      logger.warn({ partition: partitionKey, code: error.code }, error.message);
      return result('locked', { resumed, retries, error });
    }
    const aborted = ctx.options.abortSignal?.aborted === true || isFreshetError(err, ErrorCodes.ABORTED);
    if (aborted) {
      // The partition stays `running` at its last committed cursor: a later run resumes it.
      await saveQuietly(commit, checkpoint, logger);
      return result('interrupted', { resumed, retries, error });
    }
    logger.warn({ partition: partitionKey, code: error.code }, error.message);
    await saveQuietly(commit, { ...checkpoint, status: 'failed', error, updatedAt: clock.now() }, logger);
    return result('failed', { resumed, retries, error });
  }
}

const neverAborted = new AbortController().signal;
// Every request of every partition listens on the run's one signal: dozens of listeners are normal.
setMaxListeners(0, neverAborted);

function startCheckpoint(
  existing: Checkpoint | null,
  work: PartitionWork,
  runId: string,
  now: Date,
): Checkpoint {
  if (existing && existing.status !== 'complete') {
    return { ...existing, status: 'running', runId, updatedAt: now, error: null };
  }
  return {
    partitionKey: work.partition.key,
    source: work.partition.source,
    cohort: work.partition.cohort.key,
    status: 'running',
    cursor: null,
    attempt: (existing?.attempt ?? 0) + 1,
    counts: emptyCounts(),
    runId,
    startedAt: now,
    updatedAt: now,
    completedAt: null,
    lastCompleteAt: existing?.lastCompleteAt ?? null,
    durationMs: 0,
    error: null,
  };
}

function advanceCheckpoint(
  checkpoint: Checkpoint,
  fetched: SliceResult<unknown, Json>,
  delta: Omit<SliceCounts, 'apiCalls'>,
  now: Date,
  sliceMs: number,
): Checkpoint {
  const counts = { ...checkpoint.counts };
  addCounts(counts, delta);
  return {
    ...checkpoint,
    cursor: fetched.done ? (fetched.cursor ?? checkpoint.cursor) : fetched.cursor,
    counts,
    status: fetched.done ? 'complete' : 'running',
    updatedAt: now,
    completedAt: fetched.done ? now : null,
    lastCompleteAt: fetched.done ? now : checkpoint.lastCompleteAt,
    durationMs: checkpoint.durationMs + sliceMs,
    error: null,
  };
}

function addCounts(target: SliceCounts, delta: Omit<SliceCounts, 'apiCalls'>): void {
  target.slices += delta.slices;
  target.written += delta.written;
  target.unchanged += delta.unchanged;
  target.failed += delta.failed;
  target.notFound += delta.notFound;
}

/**
 * The slice's records as the store writes them. Fails when two share a key: within one slice
 * only, since with offset paging a record may legitimately show up on two pages.
 */
function toRecordInputs(records: unknown[], engineSource: EngineSource, partitionKey: string): RecordInput[] {
  const { source } = engineSource;
  const inputs: RecordInput[] = new Array(records.length);
  const keys = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const key = source.recordKey(record);
    if (typeof key !== 'string' || key.length === 0) {
      throw new FreshetError(ErrorCodes.INTERNAL, `recordKey returned ${JSON.stringify(key)} for a record`, {
        source: source.id,
      });
    }
    // Serialised once: the store writes this text as it is. Without hashPayload the hash is of
    // the same text: one API sends a record's fields in a stable order, and if it ever reorders
    // them the record is only rewritten once, never wrongly taken as unchanged.
    const json = JSON.stringify(record);
    if (typeof json !== 'string') {
      throw new FreshetError(
        ErrorCodes.INTERNAL,
        `record ${JSON.stringify(key)} is not JSON (${typeof record})`,
        {
          source: source.id,
        },
      );
    }
    const hash = source.hashPayload ? payloadHash(source.hashPayload(record)) : sha256Hex(json);
    inputs[i] = { key, json, hash };
    keys.add(key);
  }
  // Only a slice with a repeated key pays for naming them.
  if (keys.size !== inputs.length) {
    assertDistinctKeys(
      inputs.map((r) => r.key),
      source.id,
      partitionKey,
    );
  }
  return inputs;
}

function validateSliceResult(fetched: SliceResult<unknown, Json>, sourceId: string, cursor: unknown): void {
  if (!fetched || !Array.isArray(fetched.records) || typeof fetched.done !== 'boolean') {
    throw new FreshetError(ErrorCodes.INTERNAL, 'fetchSlice must return { records: [], cursor, done }', {
      source: sourceId,
    });
  }
  // A source that hands back the cursor it was given would loop for ever.
  if (!fetched.done && JSON.stringify(fetched.cursor) === JSON.stringify(cursor)) {
    throw new FreshetError(
      ErrorCodes.INTERNAL,
      `fetchSlice returned the cursor it was given (${JSON.stringify(cursor)}) without done: it would loop for ever`,
      { source: sourceId },
    );
  }
}

async function hook(
  ctx: PartitionContext,
  step: ProtocolStep,
  partitionKey: string,
  slice: number,
  cursor: unknown,
): Promise<void> {
  const fn = ctx.options.hooks?.[step];
  if (fn) await fn({ step, partitionKey, slice, cursor });
}

function storedError(err: unknown, sourceId: string): StoredError {
  const error = toFreshetError(err, sourceId);
  return { code: error.code, message: error.message };
}

type Commit = <T>(write: (tx: Store) => Promise<T>) => Promise<T>;

type ProtocolStore = Pick<
  Store,
  'getCheckpoint' | 'acquireLease' | 'renewLease' | 'releaseLease' | 'transaction'
>;

/**
 * The store calls of the protocol, each waiting out a store outage (a database restart) instead
 * of failing the partition. Each is safe to repeat: reads, lease calls that check their holder,
 * and transactions that either committed or did not (a repeated slice commit finds its records
 * unchanged and writes nothing twice).
 */
function outagePatientStore(ctx: PartitionContext): ProtocolStore {
  const { store, clock, logger } = ctx;
  const signal = ctx.options.abortSignal;
  const patient =
    <A extends unknown[], R>(what: string, op: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      waitOutOutages(() => op(...args), {
        what: `the store (${what})`,
        clock,
        logger,
        ...(signal ? { signal } : {}),
      });
  return {
    getCheckpoint: patient('read a checkpoint', (key) => store.getCheckpoint(key)),
    acquireLease: patient('take a lease', (key, holder, ttl, now) =>
      store.acquireLease(key, holder, ttl, now),
    ),
    renewLease: patient('renew a lease', (key, holder, token, ttl, now) =>
      store.renewLease(key, holder, token, ttl, now),
    ),
    // Not waited for: a lease left behind runs out by itself.
    releaseLease: (key, holder) => store.releaseLease(key, holder),
    transaction: patient('commit a slice', <T>(work: (tx: Store) => Promise<T>) =>
      store.transaction(work),
    ) as Store['transaction'],
  };
}

async function saveQuietly(commit: Commit, checkpoint: Checkpoint, logger: Logger): Promise<void> {
  try {
    await commit((tx) => tx.saveCheckpoint(checkpoint));
  } catch (err) {
    logger.error({ partition: checkpoint.partitionKey, err: String(err) }, 'could not save the checkpoint');
  }
}
