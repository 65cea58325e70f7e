import {
  emptyCounts,
  type PartitionOutcome,
  type PartitionResult,
  type RunPartitionRow,
  waitOutOutages,
} from '@freshet/core';
import type { Plan } from '../planner/types.js';
import type { RunLock } from '../runs/run-lock.js';
import type { RunContext } from '../runs/steps/context.js';
import type { Execution } from '../runs/steps/execute-step.js';
import { saveDeferred } from '../runs/steps/record-partitions.js';
import type { FleetRole } from './types.js';
import { workOnPlan } from './work-on-plan.js';

/**
 * Step 5 of a run the fleet shares, on the worker that leads it: works on the plan beside the
 * others until every partition is finished by someone, stores the deferred entries and the
 * results of partitions whose worker died between its last commit and storing the result; the
 * run's outcome then comes from every worker's rows.
 */
export async function executePlanTogether(
  ctx: RunContext,
  runPlan: Plan,
  lock: RunLock,
  role: FleetRole,
): Promise<Execution> {
  const { store, runId } = ctx;
  const toRun = runPlan.entries.filter((e) => e.action === 'run');
  const work = await workOnPlan(ctx, toRun, {
    role,
    keepAlive: () => lock.keepAlive(),
    isOpen: async () => true,
  });
  // Every write here can be repeated, so a store restart at the end is waited out too.
  await waitOutOutages(
    async () => {
      for (const entry of runPlan.entries.filter((e) => e.action === 'deferred')) {
        await saveDeferred(store, runId, entry);
      }
      const rows = await store.listRunPartitions(runId);
      const recorded = new Set(rows.map((r) => r.partitionKey));
      const unrecorded = toRun.filter((e) => !recorded.has(e.partitionKey)).map((e) => e.partitionKey);
      if (unrecorded.length > 0) {
        for (const checkpoint of await store.listCheckpoints({ partitionKeys: unrecorded })) {
          if (checkpoint.status !== 'complete' || checkpoint.runId !== runId) continue;
          const row: RunPartitionRow = {
            runId,
            partitionKey: checkpoint.partitionKey,
            status: 'complete',
            counts: checkpoint.counts,
            retries: 0,
            durationMs: checkpoint.durationMs,
            error: null,
            slaGapClosed: null,
          };
          await store.saveRunPartition(row);
        }
      }
      if (ctx.options.stopSignal?.aborted) {
        // Stopped: what is left goes to the next run, which resumes it from its checkpoints.
        const finished = new Set((await store.listRunPartitions(runId)).map((r) => r.partitionKey));
        for (const entry of toRun.filter((e) => !finished.has(e.partitionKey))) {
          await store.saveRunPartition(interruptedRow(runId, entry.partitionKey));
        }
      }
    },
    { what: 'the store (record the run)', clock: ctx.clock, logger: ctx.logger },
  );
  const all = await store.listRunPartitions(runId);
  return { results: all.map(resultOfRow), slaGapsClosed: work.slaGapsClosed };
}

function resultOfRow(row: RunPartitionRow): PartitionResult {
  return {
    partitionKey: row.partitionKey,
    source: row.partitionKey.slice(0, row.partitionKey.indexOf(':')),
    outcome: row.status as PartitionOutcome,
    counts: row.counts,
    retries: row.retries,
    durationMs: row.durationMs,
    error: row.error,
    resumed: false,
  };
}

function interruptedRow(runId: string, partitionKey: string): RunPartitionRow {
  return {
    runId,
    partitionKey,
    status: 'interrupted',
    counts: emptyCounts(),
    retries: 0,
    durationMs: 0,
    error: null,
    slaGapClosed: null,
  };
}
