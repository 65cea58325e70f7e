import { systemClock } from '../clock.js';
import { ErrorCodes, FreshetError, toFreshetError } from '../errors.js';
import { childLogger, silentLogger } from '../logger.js';
import type { StoredError } from '../store/types.js';
import { runPartition } from './slice-protocol.js';
import { type ExecuteOptions, emptyCounts, type PartitionResult, type PartitionWork } from './types.js';

// After these, every further request of the source would fail the same way today.
const SOURCE_STOPPING_CODES = new Set<string>([ErrorCodes.QUOTA_EXHAUSTED, ErrorCodes.AUTH_FAILED]);

/**
 * Runs partitions in parallel, in plan order as slots free up; one partition's slices run in
 * order. A failed partition keeps its cursor and the others go on; a source whose quota is
 * spent or whose key is refused stops, and its partitions not yet started are `deferred`.
 */
export async function executePartitions(options: ExecuteOptions): Promise<PartitionResult[]> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const parallel = Math.max(1, options.maxParallelPartitions ?? 4);
  const stoppedSources = new Map<string, StoredError>();
  const results: PartitionResult[] = new Array(options.work.length);
  let next = 0;

  for (const work of options.work) {
    if (!options.sources.has(work.partition.source)) {
      throw new FreshetError(
        ErrorCodes.SOURCE_UNKNOWN,
        `partition ${work.partition.key} names source "${work.partition.source}", which is not configured`,
      );
    }
  }

  const worker = async (): Promise<void> => {
    while (next < options.work.length) {
      const index = next++;
      const work = options.work[index]!;
      const engineSource = options.sources.get(work.partition.source)!;
      let result: PartitionResult;
      const stopReason = stoppedSources.get(work.partition.source);
      if (stopReason !== undefined) {
        result = notStarted(work, 'deferred', stopReason);
      } else if (options.stopSignal?.aborted || options.abortSignal?.aborted) {
        result = notStarted(work, 'interrupted', null);
      } else {
        try {
          result = await runPartition(work, {
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
          result = { ...notStarted(work, 'failed', { code: error.code, message: error.message }) };
        }
        if (result.outcome === 'failed' && result.error && SOURCE_STOPPING_CODES.has(result.error.code)) {
          stoppedSources.set(work.partition.source, result.error);
        }
      }
      results[index] = result;
      options.onEvent?.({ type: 'partition-end', result });
    }
  };

  await Promise.all(Array.from({ length: Math.min(parallel, options.work.length) }, worker));
  return results;
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
