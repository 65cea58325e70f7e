import { enqueueNotification, type ResolvedConfig, type Store, slaGapsByPartition } from '@freshet/core';

/**
 * Queues `sla_gap.opened` for each partition now in breach that has run before (a partition that
 * never ran was never fresh: nothing opened). The key is the partition and when it fell out of
 * its SLA, so a gap is announced once however many ticks see it, and a new breach after the gap
 * closed is a new message.
 */
export async function notifySlaGapsOpened(store: Store, config: ResolvedConfig, now: Date): Promise<number> {
  const targets = config.notify.filter((t) => t.events.has('sla_gap.opened'));
  if (targets.length === 0) return 0;
  const sources = config.sources.filter((s) => s.enabled).map((s) => ({ id: s.source.id, slaMs: s.slaMs }));
  const gaps = await slaGapsByPartition({ store, sources, now });
  let queued = 0;
  for (const gap of gaps.values()) {
    if (gap.reason === 'never_run' || gap.breachedSince === null) continue;
    queued += await enqueueNotification(store, targets, {
      event: 'sla_gap.opened',
      dedupKey: `sla_gap.opened:${gap.partitionKey}:${gap.breachedSince.getTime()}`,
      data: {
        partitionKey: gap.partitionKey,
        source: gap.source,
        reason: gap.reason,
        breachedSince: gap.breachedSince.toISOString(),
        lastCompleteAt: gap.lastCompleteAt?.toISOString() ?? null,
        staleRecords: gap.staleRecords,
      },
      at: now,
    });
  }
  return queued;
}
