import { setTimeout as sleep } from 'node:timers/promises';
import { type PartitionResult, waitOutOutages } from '@freshet/core';
import type { PlanEntry } from '../planner/types.js';
import type { SlaGapClosed } from '../runs/sla-gap-closed.js';
import type { RunContext } from '../runs/steps/context.js';
import { executeEntries } from '../runs/steps/execute-entries.js';
import { remainingEntries } from './remaining.js';
import type { FleetRole } from './types.js';

export interface WorkOnPlanOptions {
  role: FleetRole;
  /** Renews what must stay alive meanwhile (the leader's run lock). */
  keepAlive(): Promise<void>;
  /** False once the run has ended (a follower stops working on it). */
  isOpen(): Promise<boolean>;
}

export interface PlanWork {
  /** What this worker did: the partitions it ran (others' are in the run's rows). */
  results: PartitionResult[];
  slaGapsClosed: SlaGapClosed[];
}

/**
 * Works on a shared run's `run` entries until none is left: each pass tries every partition no
 * worker has finished, leased to this worker, in plan order; those another worker holds come
 * back `locked` and are tried again on the next pass, so a dead worker's partitions are taken
 * over once its leases run out. Stops early on the run's stop signal or when the run ends.
 */
export async function workOnPlan(
  ctx: RunContext,
  entries: readonly PlanEntry[],
  options: WorkOnPlanOptions,
): Promise<PlanWork> {
  const { store, runId } = ctx;
  const stop = ctx.options.stopSignal;
  const results: PartitionResult[] = [];
  const slaGapsClosed: SlaGapClosed[] = [];
  // Reads of the run's state wait out a store restart like the partitions' own calls do.
  const patient = <T>(what: string, op: () => Promise<T>) =>
    waitOutOutages(op, {
      what: `the store (${what})`,
      clock: ctx.clock,
      logger: ctx.logger,
      ...(stop ? { signal: stop } : {}),
    });
  while (!stop?.aborted && (await patient('read the run', options.isOpen))) {
    const left = await patient('read the partitions left', () => remainingEntries(store, runId, entries));
    if (left.length === 0) break;
    const pass = await executeEntries(ctx, left, {
      holder: options.role.workerId,
      keepAlive: options.keepAlive,
    });
    const ran = pass.results.filter((r) => r.outcome !== 'locked' && !r.completedInRun);
    results.push(...ran);
    slaGapsClosed.push(...pass.slaGapsClosed);
    // Everything left is someone else's for now: look again after a while.
    if (ran.length === 0) await pause(options.role.pollMs, stop);
  }
  return { results, slaGapsClosed };
}

async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch {
    // stopped while waiting
  }
}
