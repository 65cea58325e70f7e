import { type Checkpoint, type ResolvedSource, utcDay } from '@freshet/core';
import { resolveScope } from '../planner/scope.js';
import { EMPTY_SCOPE } from '../planner/types.js';
import {
  type Bucket,
  bucketize,
  classifyPartitions,
  countStates,
  type PartitionCell,
  type PartitionState,
  type StateCounts,
} from './partition-states.js';
import type { ViewProject } from './project.js';

export const PAGE_SIZE = 500;
export const BAR_SEGMENTS = 240;

export interface SourceInfo {
  id: string;
  enabled: boolean;
  sla: string;
  dailyBudget: number | null;
  usedToday: number;
}

/** A cell of the grid page, with what its tooltip and detail need. */
export interface GridCell extends PartitionCell {
  index: number;
  slices: number;
  written: number;
  cursor: unknown;
}

export interface SourcePartitions {
  source: SourceInfo;
  /** Why the source could not list its partitions, if it could not. */
  problem: string | null;
  total: number;
  counts: StateCounts;
  /** The partition bar over every partition (not only the filtered ones). */
  buckets: Bucket[];
  filter: PartitionState | null;
  /** Partitions the filter keeps. */
  matching: number;
  page: number;
  pageCount: number;
  pageSize: number;
  cells: GridCell[];
}

export function findSource(project: ViewProject, id: string): ResolvedSource | null {
  return project.config.sources.find((s) => s.source.id === id) ?? null;
}

/** Every partition's state, from the same listing and checkpoints `freshet status` reads. */
export async function loadPartitionCells(
  project: ViewProject,
  resolved: ResolvedSource,
): Promise<{ cells: PartitionCell[]; problem: string | null }> {
  const { store, clock } = project;
  const now = clock.now();
  const id = resolved.source.id;
  const { partitions, problems } = await resolveScope({
    sources: [resolved],
    scope: { ...EMPTY_SCOPE, sources: [id] },
    now,
    store,
    rootDir: project.config.rootDir,
  });
  const [freshness, leases] = await Promise.all([store.listPartitionFreshness(id), store.listLeases(now)]);
  const cells = classifyPartitions({
    keys: partitions.map((p) => p.key),
    freshness,
    leased: new Set(leases.map((l) => l.partitionKey)),
    now,
    slaMs: resolved.slaMs,
  });
  return { cells, problem: problems.length > 0 ? problems.map((p) => p.message).join('; ') : null };
}

export async function sourceInfo(project: ViewProject, resolved: ResolvedSource): Promise<SourceInfo> {
  const id = resolved.source.id;
  return {
    id,
    enabled: resolved.enabled,
    sla: resolved.sla,
    dailyBudget: resolved.quota.dailyBudget,
    usedToday: await project.store.quotaUsed(id, utcDay(project.clock.now())),
  };
}

/**
 * One page of a source's partition grid, filtered by state, with the aggregate bar over all
 * of them: a page never holds more than PAGE_SIZE cells, however many partitions there are.
 */
export async function loadSourcePartitions(
  project: ViewProject,
  resolved: ResolvedSource,
  options: { page?: number; filter?: PartitionState | null } = {},
): Promise<SourcePartitions> {
  const [{ cells: all, problem }, source] = await Promise.all([
    resolved.enabled ? loadPartitionCells(project, resolved) : { cells: [], problem: null },
    sourceInfo(project, resolved),
  ]);
  const filter = options.filter ?? null;
  const indexed = all.map((cell, index) => ({ ...cell, index }));
  const matching = filter === null ? indexed : indexed.filter((c) => c.state === filter);
  const pageCount = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
  const slice = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const checkpoints =
    slice.length === 0
      ? new Map<string, Checkpoint>()
      : new Map(
          (await project.store.listCheckpoints({ partitionKeys: slice.map((c) => c.key) })).map((c) => [
            c.partitionKey,
            c,
          ]),
        );
  return {
    source,
    problem,
    total: all.length,
    counts: countStates(all),
    buckets: bucketize(all, BAR_SEGMENTS),
    filter,
    matching: matching.length,
    page,
    pageCount,
    pageSize: PAGE_SIZE,
    cells: slice.map((cell) => {
      const checkpoint = checkpoints.get(cell.key);
      return {
        ...cell,
        slices: checkpoint?.counts.slices ?? 0,
        written: checkpoint?.counts.written ?? 0,
        cursor: checkpoint?.cursor ?? null,
      };
    }),
  };
}
