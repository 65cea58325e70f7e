import type { z } from 'zod';
import { toChangeLine } from '../views/change-line.js';
import type { ViewProject } from '../views/project.js';
import type { runChangesQuerySchema, runChangesSchema } from './changes-schemas.js';

type RunChangesQuery = z.output<typeof runChangesQuerySchema>;
type RunChanges = z.output<typeof runChangesSchema>;

/** One page of a run's change feed, or null when the store holds no such run. */
export async function loadRunChanges(
  project: Pick<ViewProject, 'store'>,
  runId: string,
  query: RunChangesQuery,
): Promise<RunChanges | null> {
  if ((await project.store.getRun(runId)) === null) return null;
  const page = await project.store.listChanges({
    runId,
    ...(query.after > 0 ? { afterId: query.after } : {}),
    ...(query.source === undefined ? {} : { source: query.source }),
    ...(query.partition === undefined ? {} : { partitionKey: query.partition }),
    limit: query.limit,
  });
  // A full page may have more after it; one short of the limit is the last.
  const last = page.length === query.limit ? page.at(-1) : undefined;
  const nextAfter = last === undefined ? null : last.id;
  return {
    runId,
    changes: page.map(toChangeLine),
    nextAfter,
    next: nextAfter === null ? null : nextUrl(runId, nextAfter, query),
  };
}

function nextUrl(runId: string, after: number, query: RunChangesQuery): string {
  const params = new URLSearchParams({ after: String(after), limit: String(query.limit) });
  if (query.source !== undefined) params.set('source', query.source);
  if (query.partition !== undefined) params.set('partition', query.partition);
  return `/api/runs/${encodeURIComponent(runId)}/changes?${params}`;
}
