import {
  type ExecutorEvent,
  executePartitions,
  type PartitionResult,
  type PartitionWork,
  parsePartitionKey,
  waitOutOutages,
} from '@freshet/core';
import type { PlanEntry } from '../../planner/types.js';
import { createEngineSources } from '../engine-sources.js';
import { type SlaGapClosed, slaGapClosed } from '../sla-gap-closed.js';
import type { RunContext } from './context.js';
import { saveResult } from './record-partitions.js';

export type EntriesExecution = {
  results: PartitionResult[];
  slaGapsClosed: SlaGapClosed[];
};

export interface ExecuteEntriesOptions {
  /** Who leases the partitions: the run itself on one host, the worker in a fleet. */
  holder: string;
  /** Renews whatever must stay alive while partitions run (the run lock); called on every event. */
  keepAlive(): Promise<void>;
  /** Workers sharing the run: try a partition another worker holds again after this long. */
  retryLockedAfterMs?: number;
}

/**
 * Runs plan entries through the engine, each partition leased to `holder`, each result stored
 * as it ends with the SLA gap it closed. Results that another holder owns are not stored: a
 * partition found `locked` (leased elsewhere, or its lease lost) or completed in this run by
 * another worker is theirs to record.
 */
export async function executeEntries(
  ctx: RunContext,
  entries: readonly PlanEntry[],
  options: ExecuteEntriesOptions,
): Promise<EntriesExecution> {
  const { store, config, clock, logger, runId } = ctx;
  const run = ctx.options;
  const byKey = new Map(entries.map((e) => [e.partitionKey, e]));
  const slaMs = new Map(config.sources.map((s) => [s.source.id, s.slaMs]));
  const schemes = new Map(config.sources.map((s) => [s.source.id, s.source.cohort]));
  const work: PartitionWork[] = entries.map((entry) => ({
    partition: parsePartitionKey(entry.partitionKey, schemes),
    refresh: entry.refresh,
  }));

  const inPlan = new Set(entries.map((e) => e.source));
  const engine = createEngineSources({
    store,
    sources: config.sources.filter((s) => inPlan.has(s.source.id)),
    clock,
    logger,
    rootDir: config.rootDir,
    ...(run.http ? { http: run.http } : {}),
    ...(run.limiters ? { limiters: run.limiters } : {}),
  });

  const closedGaps: SlaGapClosed[] = [];
  const saving: Promise<void>[] = [];
  const onEvent = (event: ExecutorEvent) => {
    run.onEvent?.({ type: 'executor', runId, event });
    saving.push(options.keepAlive().catch(() => {}));
    if (event.type !== 'partition-end') return;
    const { result } = event;
    if (result.completedInRun || (result.outcome === 'locked' && options.holder !== runId)) return;
    const entry = byKey.get(result.partitionKey)!;
    const completedAt = clock.now();
    const saved = waitOutOutages(
      async () => {
        const closed =
          result.outcome === 'complete'
            ? await slaGapClosed({ store, entry, slaMs: slaMs.get(entry.source) ?? 0, completedAt })
            : null;
        await saveResult(store, runId, result, closed);
        if (closed) closedGaps.push(closed);
      },
      { what: 'the store (save a partition result)', clock, logger },
    );
    // Awaited after the partitions ran; marked handled now, so a failure meanwhile is reported
    // there rather than ending the process as an unhandled rejection.
    saved.catch(() => {});
    saving.push(saved);
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
      lease: { holder: options.holder, ttlMs: config.run.leaseTtlSeconds * 1000 },
      history: config.history,
      ...(options.retryLockedAfterMs === undefined
        ? {}
        : { retryLocked: { afterMs: options.retryLockedAfterMs } }),
      clock,
      logger,
      onEvent,
      ...(run.stopSignal ? { stopSignal: run.stopSignal } : {}),
      ...(run.abortSignal ? { abortSignal: run.abortSignal } : {}),
    });
  } finally {
    await engine.stop().catch(() => {});
  }
  await Promise.all(saving);
  return {
    results,
    slaGapsClosed: [...closedGaps].sort((a, b) => a.partitionKey.localeCompare(b.partitionKey)),
  };
}
