import {
  type Checkpoint,
  type CohortScheme,
  type Lease,
  type Partition,
  type PartitionRollup,
  parsePartitionKey,
  type ResolvedConfig,
} from '@freshet/core';
import { classifyPartitions, type PartitionState } from './partition-states.js';
import type { ViewProject } from './project.js';

export interface PartitionDetail {
  partitionKey: string;
  source: string;
  sla: string;
  state: PartitionState;
  checkpoint: Checkpoint | null;
  lease: Lease | null;
  ledger: PartitionRollup | null;
}

/** A configured partition by its key. Throws PARTITION_KEY_INVALID / SOURCE_UNKNOWN. */
export function configuredPartition(config: ResolvedConfig, key: string): Partition {
  const schemes = new Map<string, CohortScheme>(config.sources.map((s) => [s.source.id, s.source.cohort]));
  return parsePartitionKey(key, schemes);
}

/**
 * What `freshet checkpoint show` shows of one partition, plus its state on the grid. Throws
 * PARTITION_KEY_INVALID / SOURCE_UNKNOWN for a key that names no configured partition.
 */
export async function loadPartitionDetail(project: ViewProject, key: string): Promise<PartitionDetail> {
  const { store, config, clock } = project;
  const partition = configuredPartition(config, key);
  const resolved = config.sources.find((s) => s.source.id === partition.source)!;
  const now = clock.now();
  const [checkpoint, leases, rollup] = await Promise.all([
    store.getCheckpoint(partition.key),
    store.listLeases(now),
    store.ledgerRollup({
      staleBefore: new Date(now.getTime() - resolved.slaMs),
      source: partition.source,
      partitionKeys: [partition.key],
    }),
  ]);
  const lease = leases.find((l) => l.partitionKey === partition.key) ?? null;
  const [cell] = classifyPartitions({
    keys: [partition.key],
    freshness: checkpoint === null ? [] : [checkpoint],
    leased: new Set(lease ? [lease.partitionKey] : []),
    now,
    slaMs: resolved.slaMs,
  });
  return {
    partitionKey: partition.key,
    source: partition.source,
    sla: resolved.sla,
    state: cell!.state,
    checkpoint,
    lease,
    ledger: rollup[0] ?? null,
  };
}
