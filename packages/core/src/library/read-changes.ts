import { ErrorCodes, FreshetError } from '../errors.js';
import { CHANGE_PAGE_MAX_LIMIT } from '../store/change-page.js';
import type { ChangePageQuery, RecordChange, Store } from '../store/types.js';

/** Which changes to read: one run's, or every change since a time or since a run started. */
export type ReadChangesQuery = ({ runId: string } | { since: Date | { runId: string } }) & {
  /** Only changes to records of this source. */
  source?: string;
  /** Only changes to records of this partition (`nih:project_week_2025-W12`). */
  partition?: string;
  /** Changes fetched from the store at a time. Default 500. */
  pageSize?: number;
};

const DEFAULT_PAGE_SIZE = 500;

/**
 * The change feed in the order the changes were committed: created and changed records (with
 * the top-level fields that changed) and records found gone, a page at a time. Records a run
 * found unchanged are not listed; its partitions' counts say how many.
 */
export async function* readChanges(
  store: Pick<Store, 'listChanges' | 'getRun'>,
  query: ReadChangesQuery,
): AsyncGenerator<RecordChange, void, undefined> {
  const pageSize = checkPageSize(query.pageSize);
  const base: Omit<ChangePageQuery, 'limit' | 'afterId'> = {
    ...(await selection(store, query)),
    ...(query.source === undefined ? {} : { source: query.source }),
    ...(query.partition === undefined ? {} : { partitionKey: query.partition }),
  };
  let afterId: number | undefined;
  for (;;) {
    const page = await store.listChanges({
      ...base,
      ...(afterId === undefined ? {} : { afterId }),
      limit: pageSize,
    });
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    afterId = last.id;
  }
}

async function selection(
  store: Pick<Store, 'getRun'>,
  query: ReadChangesQuery,
): Promise<Pick<ChangePageQuery, 'runId' | 'since'>> {
  const byRun = 'runId' in query && query.runId !== undefined;
  const bySince = 'since' in query && query.since !== undefined;
  if (byRun === bySince) {
    throw invalid(
      'name either { runId } (one run’s changes) or { since: Date | { runId } } (every change since)',
    );
  }
  if ('runId' in query && byRun) {
    await knownRun(store, query.runId, 'runId');
    return { runId: query.runId };
  }
  const since = (query as { since: Date | { runId: string } }).since;
  if (since instanceof Date) {
    if (Number.isNaN(since.getTime())) throw invalid('since is an invalid Date');
    return { since };
  }
  if (typeof since?.runId !== 'string') {
    throw invalid('since must be a Date or { runId }, the runId of a run such as runSource returns');
  }
  return { since: (await knownRun(store, since.runId, 'since')).startedAt };
}

async function knownRun(store: Pick<Store, 'getRun'>, runId: string, field: string) {
  if (typeof runId !== 'string' || runId === '') throw invalid(`${field} must name a run id`);
  const run = await store.getRun(runId);
  if (run === null) {
    throw invalid(
      `${field} names run ${JSON.stringify(runId)}, which this store does not hold; use the runId runSource returned, or one \`freshet runs\` lists`,
    );
  }
  return run;
}

function checkPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > CHANGE_PAGE_MAX_LIMIT) {
    throw invalid(`pageSize must be a whole number from 1 to ${CHANGE_PAGE_MAX_LIMIT}; got ${pageSize}`);
  }
  return pageSize;
}

function invalid(message: string): FreshetError {
  return new FreshetError(ErrorCodes.CONFIG_INVALID, `readChanges: ${message}`);
}
