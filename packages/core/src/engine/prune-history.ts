import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { HistoryRetention, Store } from '../store/types.js';

const DAY_MS = 86_400_000;

/**
 * Age-based retention of revisions and the change feed, once per run after its partitions:
 * off the slices' commits, so it never slows them. A failure is logged, never the run's.
 */
export async function pruneOldHistory(
  store: Pick<Store, 'pruneHistory'>,
  retention: HistoryRetention,
  clock: Clock,
  logger: Logger,
): Promise<void> {
  try {
    const before = new Date(clock.now().getTime() - retention.keepDays * DAY_MS);
    const pruned = await store.pruneHistory(before);
    if (pruned.revisions + pruned.changes > 0) {
      logger.debug({ ...pruned, before: before.toISOString() }, 'pruned record history');
    }
  } catch (err) {
    logger.warn({ err: String(err) }, 'could not prune record history; it is tried again after the next run');
  }
}
