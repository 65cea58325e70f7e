import type { RunRow, RunStatus } from '@freshet/core';
import type { ViewProject } from './project.js';

/** Runs newest first, optionally of one status: `freshet runs list`, `/runs` and `/api/runs`. */
export function loadRuns(
  project: ViewProject,
  options: { limit: number; status?: RunStatus | null },
): Promise<RunRow[]> {
  const { limit, status } = options;
  return project.store.listRuns({ limit, ...(status ? { status } : {}) });
}
