import type { SlaGap } from '../freshness/sla-gaps.js';

/** Which partitions of one source to sum up, and against which SLA. */
export interface FreshnessSummaryQuery {
  source: string;
  /**
   * The partitions the source lists now: only these count (a checkpoint of any other is left
   * out), and those without a checkpoint count as never run.
   */
  partitionKeys: readonly string[];
  slaMs: number;
  now: Date;
  /** How many of the most overdue SLA gaps to return, with their stale-record counts. */
  mostOverdue: number;
}

/** One source's freshness, as `freshet status` shows it. */
export interface FreshnessSummary {
  source: string;
  partitions: { total: number; complete: number; running: number; failed: number; neverRun: number };
  /** Partitions in breach of the SLA, as `listSlaGaps` would list them. */
  slaGaps: number;
  /** The most overdue of those gaps, in `listSlaGaps`'s order (`byMostOverdue`), at most `mostOverdue`. */
  mostOverdue: SlaGap[];
}

/**
 * Freshness totals computed by the store, so a caller that shows counts and the top few gaps
 * need not read every partition's checkpoint and stale-record count (100,000s of rows).
 */
export interface FreshnessSummaryStore {
  freshnessSummary(query: FreshnessSummaryQuery): Promise<FreshnessSummary>;
}
