import type { CheckpointStatus, Json, SlaGapReason } from '@freshet/core';
import type { ScopeNote, ScopeProblem } from './scope.js';

// Plan types are `type` aliases of JSON values: a plan is stored as the run's `plan` and
// printed by `--json` as it is.

/** What a run or plan covers, as given on the command line. */
export type RunScope = {
  /** Only these sources; null: every enabled source. */
  sources: string[] | null;
  /** Exactly these partitions (added to the window's). */
  partitions: string[];
  /** A cohort window such as `2025-W10..2025-W14`, applied to the sources in scope. */
  window: string | null;
  /** Include fresh partitions (start them again from the beginning). */
  force: boolean;
};

export type PlanReason = 'resumable' | 'sla_breached' | 'never_run' | 'sla_due' | 'fresh' | 'leased';

/** `run`: in this run, in order; `deferred`: does not fit today's quota; `skipped`: fresh or leased. */
export type PlanAction = 'run' | 'deferred' | 'skipped';

export type EstimateSource = 'source' | 'history' | 'default';

export type PlanSlaGap = {
  reason: SlaGapReason;
  breachedSince: string | null;
  lastCompleteAt: string | null;
  staleRecords: number;
  /** How long the partition has been out of its SLA; null when it never ran. */
  overdueMs: number | null;
};

export type PlanCheckpoint = {
  status: CheckpointStatus;
  attempt: number;
  cursor: Json;
  updatedAt: string;
  lastCompleteAt: string | null;
};

export type PlanEntry = {
  partitionKey: string;
  source: string;
  reason: PlanReason;
  action: PlanAction;
  /** Start again from the beginning (a complete partition); otherwise resume from the cursor. */
  refresh: boolean;
  estimatedCalls: number;
  estimateFrom: EstimateSource;
  checkpoint: PlanCheckpoint | null;
  slaGap: PlanSlaGap | null;
  /** Why the entry is deferred or skipped, or a warning about it. */
  note: string | null;
};

export type PlanSourceQuota = {
  source: string;
  sla: string;
  dailyBudget: number | null;
  usedToday: number;
  remainingToday: number | null;
  plannedCalls: number;
  deferredCalls: number;
  /** Calls to refresh every partition of the source in scope once: what each SLA period needs. */
  callsPerSla: number;
  /** What the daily budget allows over one SLA period; null without a daily budget. */
  budgetPerSla: number | null;
  /** The daily budget that would cover `callsPerSla`, when today's does not; else null. */
  neededDailyBudget: number | null;
  /** UTC day (YYYY-MM-DD) the last deferred partition is expected to run at this budget. */
  backlogClearsOn: string | null;
  /** Why the SLA cannot be met at this budget, and what would meet it. */
  warning: string | null;
};

export type Plan = {
  generatedAt: string;
  scope: RunScope;
  /** Every partition in scope: those to run first, in run order, then deferred, then skipped. */
  entries: PlanEntry[];
  sources: PlanSourceQuota[];
  /** Sources that could not list their partitions (the rest of the plan goes ahead). */
  problems: ScopeProblem[];
  /**
   * Enabled sources the scope left out, and why (a `--window` of ISO weeks without `--source`
   * leaves out the sources of fiscal years). Warnings: they do not fail a run. Absent from
   * plans stored before it was added.
   */
  notes: ScopeNote[];
  totals: { partitions: number; run: number; deferred: number; skipped: number; estimatedCalls: number };
};

export const EMPTY_SCOPE: RunScope = { sources: null, partitions: [], window: null, force: false };
