import { systemClock } from '../clock.js';
import { ErrorCodes, FreshetError, toFreshetError } from '../errors.js';
import { childLogger, silentLogger } from '../logger.js';
import { DEFAULT_HISTORY_RETENTION } from '../store/history-retention.js';
import type { StoredError } from '../store/types.js';
import { buildLanes, defaultPartitionSlots, hasQueued, nextLane } from './lanes.js';
import { pruneOldHistory } from './prune-history.js';
import { runPartition } from './slice-protocol.js';
import { type ExecuteOptions, emptyCounts, type PartitionResult, type PartitionWork } from './types.js';

// After these, every further request of the source would fail the same way today.
const SOURCE_STOPPING_CODES = new Set<string>([ErrorCodes.QUOTA_EXHAUSTED, ErrorCodes.AUTH_FAILED]);

/**
 * Runs partitions in lanes: each source has its own partition slots (sized from its quota, or
 * `partitionSlots`), so a slow source never holds the slots a fast one could use. Within a lane
 * partitions start in plan order; one partition's slices run in order. `maxParallelPartitions`,
 * when set, caps the run as a whole and the plan's order decides which lane goes next. A failed
 * partition keeps its cursor and the others go on; a source whose quota is spent or whose key
 * is refused stops, and its partitions not yet started are `deferred`.
 */
export async function executePartitions(options: ExecuteOptions): Promise<PartitionResult[]> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const runCap =
    options.maxParallelPartitions === undefined ? Number.POSITIVE_INFINITY : options.maxParallelPartitions;
  const stoppedSources = new Map<string, StoredError>();
  const results: PartitionResult[] = new Array(options.work.length);

  for (const work of options.work) {
    if (!options.sources.has(work.partition.source)) {
      throw new FreshetError(
        ErrorCodes.SOURCE_UNKNOWN,
        `partition ${work.partition.key} names source "${work.partition.source}", which is not configured`,
      );
    }
  }

  const lanes = buildLanes(options.work, (id) => {
    const engineSource = options.sources.get(id)!;
    return engineSource.partitionSlots ?? defaultPartitionSlots(engineSource.quota);
  });
  let inFlight = 0;
  let settled = 0;
  const stopRequested = () => options.stopSignal?.aborted === true || options.abortSignal?.aborted === true;

  const settle = (index: number, result: PartitionResult) => {
    results[index] = result;
    settled++;
    options.onEvent?.({ type: 'partition-end', result });
  };

  const runOne = async (index: number): Promise<PartitionResult> => {
    const work = options.work[index]!;
    const engineSource = options.sources.get(work.partition.source)!;
    try {
      return await runPartition(work, {
        store: options.store,
        engineSource,
        runId: options.runId,
        clock,
        logger: childLogger(logger, { source: work.partition.source, partition: work.partition.key }),
        options,
      });
    } catch (err) {
      // The store itself failed (before or after the protocol could record anything).
      const error = toFreshetError(err, work.partition.source);
      return notStarted(work, 'failed', { code: error.code, message: error.message });
    }
  };

  const settledResults = await new Promise<PartitionResult[]>((resolve, reject) => {
    const pump = () => {
      const stopping = stopRequested();
      for (const lane of lanes.values()) {
        const stopReason = stoppedSources.get(lane.source);
        if (!stopping && stopReason === undefined) continue;
        // Nothing more starts in this lane: what is left is settled without taking a slot.
        while (hasQueued(lane)) {
          const index = lane.queue[lane.head++]!;
          const work = options.work[index]!;
          settle(
            index,
            stopReason ? notStarted(work, 'deferred', stopReason) : notStarted(work, 'interrupted', null),
          );
        }
      }
      for (let lane = nextLane(lanes.values()); lane && inFlight < runCap; lane = nextLane(lanes.values())) {
        const started = lane;
        const index = started.queue[started.head++]!;
        started.inFlight++;
        inFlight++;
        void runOne(index)
          .then((result) => {
            started.inFlight--;
            inFlight--;
            if (result.outcome === 'failed' && result.error && SOURCE_STOPPING_CODES.has(result.error.code)) {
              stoppedSources.set(started.source, result.error);
            }
            if (result.outcome === 'locked' && options.retryLocked && !stopRequested()) {
              // Back at the head of the lane's queue after a while, holding no slot meanwhile: a
              // dead worker's partition is taken over as soon as its lease runs out, not after
              // every other partition of the lane.
              setTimeout(() => {
                started.queue.splice(started.head, 0, index);
                pump();
              }, options.retryLocked.afterMs);
              pump();
              return;
            }
            settle(index, result);
            pump();
          })
          .catch(reject);
      }
      if (settled === options.work.length) resolve(results);
    };
    try {
      pump();
    } catch (err) {
      reject(err);
    }
  });
  await pruneOldHistory(options.store, options.history ?? DEFAULT_HISTORY_RETENTION, clock, logger);
  return settledResults;
}

function notStarted(
  work: PartitionWork,
  outcome: 'deferred' | 'interrupted' | 'failed',
  reason: StoredError | null,
): PartitionResult {
  return {
    partitionKey: work.partition.key,
    source: work.partition.source,
    outcome,
    counts: emptyCounts(),
    retries: 0,
    durationMs: 0,
    error: reason,
    resumed: false,
  };
}
