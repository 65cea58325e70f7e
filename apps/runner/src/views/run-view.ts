import type { Json, RunPartitionRow, RunRow } from '@freshet/core';
import type { Plan } from '../planner/types.js';
import { RUN_LOCK_KEY } from '../runs/run-lock.js';
import type { SlaGapClosed } from '../runs/sla-gap-closed.js';
import type { PauseOverride, RunMetadata, RunTotals } from '../runs/types.js';
import type { ViewProject } from './project.js';

/** A partition the run is working on now, as far as its checkpoint has got. */
export interface InFlight {
  partitionKey: string;
  slices: number;
  written: number;
  apiCalls: number;
  cursor: Json | null;
}

export interface RunView {
  run: RunRow;
  plan: Plan | null;
  partitions: RunPartitionRow[];
  totals: RunTotals | null;
  slaGapsClosed: SlaGapClosed[];
  pauseOverride: PauseOverride | null;
  sensorAtStart: RunMetadata['sensor'];
  refusal: { code: string; message: string } | null;
  progress: { planned: number; finished: number; inFlight: InFlight[] };
}

/**
 * A run as `freshet runs show` sees it, plus its progress: the partitions it has finished
 * (stored as each ends) and those it holds leases on now, with their checkpoints' counts.
 * Everything comes from the store, so runs of another process (the daemon) show too.
 */
export async function loadRunView(project: ViewProject, id: string): Promise<RunView | null> {
  const { store, clock } = project;
  const run = await store.getRun(id);
  if (run === null) return null;
  const [partitions, leases] = await Promise.all([
    store.listRunPartitions(id),
    run.status === 'running' ? store.listLeases(clock.now()) : Promise.resolve([]),
  ]);
  const held = leases.filter((l) => l.holder === id && l.partitionKey !== RUN_LOCK_KEY);
  const done = new Set(partitions.map((p) => p.partitionKey));
  const checkpoints =
    held.length === 0 ? [] : await store.listCheckpoints({ partitionKeys: held.map((l) => l.partitionKey) });
  const inFlight = checkpoints
    .filter((c) => !done.has(c.partitionKey))
    .map((c) => ({
      partitionKey: c.partitionKey,
      slices: c.counts.slices,
      written: c.counts.written,
      apiCalls: c.counts.apiCalls,
      cursor: c.cursor,
    }))
    .sort((a, b) => a.partitionKey.localeCompare(b.partitionKey));
  const metadata = (run.metadata ?? {}) as Partial<RunMetadata> & {
    refusal?: { code: string; message: string };
  };
  const plan = run.plan as unknown as Plan | null;
  return {
    run,
    plan,
    partitions,
    totals: metadata.totals ?? null,
    slaGapsClosed: metadata.slaGapsClosed?.length
      ? metadata.slaGapsClosed
      : partitions.flatMap((p) => (p.slaGapClosed ? [p.slaGapClosed as unknown as SlaGapClosed] : [])),
    pauseOverride: metadata.pauseOverride ?? null,
    sensorAtStart: metadata.sensor ?? null,
    refusal: metadata.refusal ?? null,
    progress: {
      planned: plan?.totals.run ?? 0,
      finished: partitions.filter((p) => p.status !== 'deferred').length,
      inFlight,
    },
  };
}
