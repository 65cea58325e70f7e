import type { ExecutorEvent, Json, RunPartitionRow, RunStatus, RunTrigger, StoredError } from '@freshet/core';
import type { Plan } from '../planner/types.js';
import type { SensorStatus } from '../sensor/types.js';
import type { Refusal } from './refusals.js';
import type { SlaGapClosed } from './sla-gap-closed.js';

export type RunEvent =
  | { type: 'run-created'; runId: string }
  | { type: 'plan'; runId: string; plan: Plan }
  | { type: 'executor'; runId: string; event: ExecutorEvent };

export type RunTotals = {
  complete: number;
  failed: number;
  /**
   * Partitions in scope the run left alone: fresh or leased by another run when planned (the
   * plan's `skipped`, stored with no partition row), or found complete when their turn came.
   */
  skipped: number;
  deferred: number;
  interrupted: number;
  locked: number;
  written: number;
  unchanged: number;
  notFound: number;
  apiCalls: number;
  retries: number;
};

export type PauseOverride = { status: SensorStatus; reason: string };

/** What `executeRun` reports; `duplicate` when the run key had started a run already. */
export interface RunSummary {
  runId: string;
  runKey: string | null;
  trigger: RunTrigger;
  status: RunStatus | 'duplicate';
  refusal: Refusal | null;
  plan: Plan | null;
  partitions: RunPartitionRow[];
  totals: RunTotals;
  slaGapsClosed: SlaGapClosed[];
  /** Set when a manual run went ahead although the sensor was paused. */
  pauseOverride: PauseOverride | null;
  artifact: { path: string; writtenAt: string } | null;
  error: StoredError | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** The run row's metadata (JSON). */
export type RunMetadata = {
  sensor: { status: SensorStatus; reason: string } | null;
  pauseOverride: PauseOverride | null;
  trigger: Json;
  totals: RunTotals | null;
  slaGapsClosed: SlaGapClosed[];
  artifact: { path: string; writtenAt: string } | null;
  durationMs: number | null;
  /** The process running it, so a later run on this host can tell a dead holder from a live one. */
  process?: { host: string; pid: number };
  /** Set when workers share the run (`freshet worker`): the one that created it leads it. */
  fleet?: { leader: string };
};
