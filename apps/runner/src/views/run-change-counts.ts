import type { Store } from '@freshet/core';

export interface RunChangeCounts {
  created: number;
  changed: number;
  gone: number;
  /** False when the run made more changes than were counted: the counts are a lower bound. */
  complete: boolean;
}

const PAGE = 5000;
/** A page view counts at most this many changes (a few store pages), however big the run. */
export const RUN_CHANGE_COUNT_LIMIT = 20_000;

/** How many records a run created, changed and found gone, read from its change feed. */
export async function countRunChanges(
  store: Pick<Store, 'listChanges'>,
  runId: string,
  limit = RUN_CHANGE_COUNT_LIMIT,
): Promise<RunChangeCounts> {
  const counts: RunChangeCounts = { created: 0, changed: 0, gone: 0, complete: true };
  let afterId: number | undefined;
  let seen = 0;
  for (;;) {
    const page = await store.listChanges({
      runId,
      ...(afterId === undefined ? {} : { afterId }),
      limit: Math.min(PAGE, limit - seen + 1),
    });
    for (const change of page.slice(0, limit - seen)) counts[change.kind]++;
    seen += page.length;
    // One more than the limit was asked for, so a run of exactly `limit` changes reads complete.
    if (seen > limit) return { ...counts, complete: false };
    if (page.length < PAGE) return counts;
    afterId = page.at(-1)!.id;
  }
}
