import {
  type Checkpoint,
  type CohortScheme,
  type Lease,
  type PartitionRollup,
  parsePartitionKey,
} from '@freshet/core';
import type { Project } from '../../commands/context.js';
import { classifyPartitions, type PartitionState } from './partition-states.js';

export interface PartitionDetail {
  partitionKey: string;
  source: string;
  sla: string;
  state: PartitionState;
  checkpoint: Checkpoint | null;
  lease: Lease | null;
  ledger: PartitionRollup | null;
}

/**
 * What `freshet checkpoint show` shows of one partition, plus its state on the grid. Throws
 * PARTITION_KEY_INVALID / SOURCE_UNKNOWN for a key that names no configured partition.
 */
export async function loadPartitionDetail(project: Project, key: string): Promise<PartitionDetail> {
  const { store, config, clock } = project;
  const schemes = new Map<string, CohortScheme>(config.sources.map((s) => [s.source.id, s.source.cohort]));
  const partition = parsePartitionKey(key, schemes);
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
