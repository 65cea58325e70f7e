import type { Json, RunPartitionRow, RunStatus, StoredError } from '@freshet/core';
import { queueRunNotifications } from '../../notify/run-notifications.js';
import type { Plan } from '../../planner/types.js';
import type { Refusal } from '../refusals.js';
import { thisProcess } from '../run-lock.js';
import type { SlaGapClosed } from '../sla-gap-closed.js';
import type { PauseOverride, RunMetadata, RunSummary, RunTotals } from '../types.js';
import type { RunContext } from './context.js';
import { emptyTotals } from './outcome.js';

/** What the steps found out, each fact set once by the step that knows it. */
export type RunFacts = {
  sensor?: PauseOverride;
  pauseOverride?: PauseOverride | null;
  refusal?: Refusal;
  plan?: Plan;
  partitions?: RunPartitionRow[];
  totals?: RunTotals;
  slaGapsClosed?: SlaGapClosed[];
  artifact?: { path: string; writtenAt: string };
  error?: StoredError | null;
};

/** The run's metadata as it is stored: at creation (no facts yet) and at the end. */
export function metadataOf(ctx: RunContext, facts: RunFacts, durationMs: number | null): RunMetadata {
  return {
    sensor: facts.sensor ?? null,
    pauseOverride: facts.pauseOverride ?? null,
    trigger: ctx.options.triggerDetail ?? null,
    totals: durationMs === null ? null : (facts.totals ?? emptyTotals()),
    slaGapsClosed: facts.slaGapsClosed ?? [],
    artifact: facts.artifact ?? null,
    durationMs,
    process: thisProcess(),
    ...(ctx.options.fleet ? { fleet: { leader: ctx.options.fleet.workerId } } : {}),
  };
}

export function summaryOf(ctx: RunContext, status: RunSummary['status'], facts: RunFacts): RunSummary {
  const finishedAt = ctx.clock.now();
  return {
    runId: ctx.runId,
    runKey: ctx.runKey,
    trigger: ctx.trigger,
    status,
    refusal: facts.refusal ?? null,
    plan: facts.plan ?? null,
    partitions: facts.partitions ?? [],
    totals: facts.totals ?? emptyTotals(),
    slaGapsClosed: facts.slaGapsClosed ?? [],
    pauseOverride: facts.pauseOverride ?? null,
    artifact: facts.artifact ?? null,
    error: facts.error ?? null,
    startedAt: ctx.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - ctx.startedAt.getTime(),
  };
}

/** Last step: the run row gets its status, error and metadata; the summary goes to the caller. */
export async function finishRun(ctx: RunContext, status: RunStatus, facts: RunFacts): Promise<RunSummary> {
  const summary = summaryOf(ctx, status, facts);
  const extra: Record<string, Json> = facts.refusal ? { refusal: { ...facts.refusal } } : {};
  await ctx.store.updateRun(ctx.runId, {
    status,
    finishedAt: new Date(summary.finishedAt),
    error: summary.error,
    metadata: { ...metadataOf(ctx, facts, summary.durationMs), ...extra },
  });
  // Right after the run row, not in its transaction: the checks read the whole ledger. A failure
  // here costs messages, never the run; the next run or daemon poll finds the same occurrences.
  await queueRunNotifications(ctx.store, ctx.config, summary, ctx.clock.now()).catch((err: unknown) => {
    ctx.logger.warn({ runId: ctx.runId, err }, "could not queue the run's notifications");
  });
  return summary;
}
