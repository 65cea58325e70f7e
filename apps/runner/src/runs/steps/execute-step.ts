import {
  type ExecutorEvent,
  executePartitions,
  type PartitionResult,
  type PartitionWork,
  parsePartitionKey,
} from '@freshet/core';
import type { Plan } from '../../planner/types.js';
import { createEngineSources } from '../engine-sources.js';
import type { RunLock } from '../run-lock.js';
import { type SlaGapClosed, slaGapClosed } from '../sla-gap-closed.js';
import type { RunContext } from './context.js';
import { saveDeferred, saveResult } from './record-partitions.js';

export type Execution = {
  results: PartitionResult[];
  /** In partition key order. */
  slaGapsClosed: SlaGapClosed[];
};

/**
 * Step 5: the plan's `run` entries through the engine, each partition leased to the run, each
 * one's result stored as it ends with the SLA gap it closed; then the deferred entries.
 */
export async function executePlan(ctx: RunContext, runPlan: Plan, lock: RunLock): Promise<Execution> {
  const { store, config, clock, logger, runId, options } = ctx;
  const toRun = runPlan.entries.filter((e) => e.action === 'run');
  const entries = new Map(toRun.map((e) => [e.partitionKey, e]));
  const slaMs = new Map(config.sources.map((s) => [s.source.id, s.slaMs]));
  const schemes = new Map(config.sources.map((s) => [s.source.id, s.source.cohort]));
  const work: PartitionWork[] = toRun.map((entry) => ({
    partition: parsePartitionKey(entry.partitionKey, schemes),
    refresh: entry.refresh,
  }));

  const inPlan = new Set(toRun.map((e) => e.source));
  const engine = createEngineSources({
    store,
    sources: config.sources.filter((s) => inPlan.has(s.source.id)),
    clock,
    logger,
    ...(options.http ? { http: options.http } : {}),
    ...(options.limiters ? { limiters: options.limiters } : {}),
  });

  const closedGaps: SlaGapClosed[] = [];
  const saving: Promise<void>[] = [];
  const onEvent = (event: ExecutorEvent) => {
    options.onEvent?.({ type: 'executor', runId, event });
    saving.push(lock.keepAlive().catch(() => {}));
    if (event.type !== 'partition-end') return;
    const entry = entries.get(event.result.partitionKey)!;
    const completedAt = clock.now();
    saving.push(
      (async () => {
        const closed =
          event.result.outcome === 'complete'
            ? await slaGapClosed({ store, entry, slaMs: slaMs.get(entry.source) ?? 0, completedAt })
            : null;
        if (closed) closedGaps.push(closed);
        await saveResult(store, runId, event.result, closed);
      })(),
    );
  };

  let results: PartitionResult[];
  try {
    results = await executePartitions({
      store,
      sources: engine.sources,
      work,
      runId,
      ...(config.run.maxParallelPartitions === undefined
        ? {}
        : { maxParallelPartitions: config.run.maxParallelPartitions }),
      lease: { holder: runId, ttlMs: config.run.leaseTtlSeconds * 1000 },
      clock,
      logger,
      onEvent,
      ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
      ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
  } finally {
    await engine.stop().catch(() => {});
  }
  await Promise.all(saving);
  for (const entry of runPlan.entries.filter((e) => e.action === 'deferred')) {
    await saveDeferred(store, runId, entry);
  }
  return {
    results,
    slaGapsClosed: [...closedGaps].sort((a, b) => a.partitionKey.localeCompare(b.partitionKey)),
  };
}
