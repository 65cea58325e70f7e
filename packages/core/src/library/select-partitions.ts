import type { PartitionWork } from '../engine/types.js';
import { ErrorCodes, FreshetError } from '../errors.js';
import { formatPartitionKey, parsePartitionKey, parsePartitionWindow } from '../partitions/index.js';
import type { Partition } from '../partitions/types.js';
import type { AnySource } from '../source.js';
import type { PartitionFreshness, Store } from '../store/types.js';

export interface SelectPartitionsOptions {
  store: Pick<Store, 'listPartitionFreshness' | 'recordKeys'>;
  partitions?: readonly string[] | undefined;
  window?: string | undefined;
  force: boolean;
  slaMs: number;
  now: Date;
  rootDir?: string | undefined;
}

/**
 * The partitions a run of one source works on, in the order the planner would take them:
 * those to resume first, then those past their SLA (most overdue first), then those never run,
 * then fresh ones. Past the SLA (or forced) a complete partition starts again from the beginning;
 * a fresh one is handed to the engine as it is and ends `skipped`.
 */
export async function selectPartitions(
  source: AnySource,
  options: SelectPartitionsOptions,
): Promise<PartitionWork[]> {
  const partitions = await namedPartitions(source, options);
  const freshness = new Map(
    (await options.store.listPartitionFreshness(source.id)).map((f) => [f.partitionKey, f]),
  );
  const dueBefore = options.now.getTime() - options.slaMs;
  const ranked = partitions.map((partition, index) => {
    const seen = freshness.get(partition.key);
    return { partition, index, ...rank(seen, dueBefore, options.force) };
  });
  ranked.sort((a, b) => a.rank - b.rank || a.overdueSince - b.overdueSince || a.index - b.index);
  return ranked.map(({ partition, refresh }) => (refresh ? { partition, refresh } : { partition }));
}

const RESUMABLE = 0;
const SLA_BREACHED = 1;
const NEVER_RUN = 2;
const FRESH = 3;

function rank(
  seen: PartitionFreshness | undefined,
  dueBefore: number,
  force: boolean,
): { rank: number; refresh: boolean; overdueSince: number } {
  if (seen === undefined) return { rank: NEVER_RUN, refresh: false, overdueSince: 0 };
  if (seen.status !== 'complete') return { rank: RESUMABLE, refresh: false, overdueSince: 0 };
  const completed = seen.lastCompleteAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (completed < dueBefore) return { rank: SLA_BREACHED, refresh: true, overdueSince: completed };
  return { rank: FRESH, refresh: force, overdueSince: 0 };
}

/** The window's and the named partitions, each once; the source's own list when neither is given. */
async function namedPartitions(source: AnySource, options: SelectPartitionsOptions): Promise<Partition[]> {
  if (options.partitions === undefined && options.window === undefined) {
    const cohorts = await source.listPartitions({
      options: source.options,
      now: options.now,
      ...(options.rootDir === undefined ? {} : { rootDir: options.rootDir }),
      recordKeysOf: (sourceId: string, field: string) => options.store.recordKeys(sourceId, field),
    });
    return cohorts.map((cohort) => ({
      key: formatPartitionKey(source.id, cohort),
      source: source.id,
      cohort,
    }));
  }
  const found = new Map<string, Partition>();
  if (options.window !== undefined) {
    for (const partition of parsePartitionWindow(source.id, source.cohort, options.window)) {
      found.set(partition.key, partition);
    }
  }
  for (const name of options.partitions ?? []) {
    if (typeof name !== 'string') {
      throw new FreshetError(
        ErrorCodes.PARTITION_KEY_INVALID,
        `partitions holds ${JSON.stringify(name)}; give partition keys such as ${source.id}:${source.cohort.example}`,
        { source: source.id },
      );
    }
    // A bare cohort key means one of this source's partitions.
    const key = name.includes(':') ? name : `${source.id}:${name}`;
    const partition = parsePartitionKey(key, { [source.id]: source.cohort });
    if (!found.has(partition.key)) found.set(partition.key, partition);
  }
  return [...found.values()];
}
