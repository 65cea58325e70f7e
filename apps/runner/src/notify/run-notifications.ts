import {
  enqueueNotification,
  type NotifyTarget,
  nextUtcMidnight,
  type ResolvedConfig,
  type Store,
  utcDay,
} from '@freshet/core';
import type { RunSummary } from '../runs/types.js';
import { changesLink } from './changes-link.js';
import { notifySensorTransitions } from './detect-sensor.js';
import { notifySlaGapsOpened } from './detect-sla-gaps.js';

/**
 * Queues what a finished run has to say: `run.finished`, the SLA gaps it closed, sources whose
 * daily quota is spent, partitions that have now failed `run.notifyAfterFailures` runs in a row,
 * and any SLA gap or sensor change found since the last look. Each with a key that makes a
 * second call for the same run queue nothing new.
 */
export async function queueRunNotifications(
  store: Store,
  config: ResolvedConfig,
  summary: RunSummary,
  now: Date,
): Promise<number> {
  const targets = config.notify;
  if (targets.length === 0 || summary.status === 'duplicate') return 0;
  // A refused run did nothing (a paused sensor refuses every tick): not worth a message.
  let queued = summary.status === 'refused' ? 0 : await queueRunFinished(store, targets, summary, now);
  for (const gap of summary.slaGapsClosed) {
    if (gap.reason === 'never_run') continue;
    const breachedMs = gap.breachedSince === null ? 'never' : Date.parse(gap.breachedSince);
    queued += await enqueueNotification(store, targets, {
      event: 'sla_gap.closed',
      dedupKey: `sla_gap.closed:${gap.partitionKey}:${breachedMs}`,
      data: {
        partitionKey: gap.partitionKey,
        source: gap.partitionKey.split(':')[0] ?? '',
        runId: summary.runId,
        reason: gap.reason,
        breachedSince: gap.breachedSince,
        closedAt: gap.closedAt,
        staleRecordsBefore: gap.staleRecordsBefore,
        staleRecordsAfter: gap.staleRecordsAfter,
      },
      at: now,
    });
  }
  queued += await queueQuotaSpent(store, config, now);
  queued += await queueRepeatedFailures(store, config, summary, now);
  queued += await notifySlaGapsOpened(store, config, now);
  queued += await notifySensorTransitions(store, targets, now);
  return queued;
}

function queueRunFinished(
  store: Store,
  targets: readonly NotifyTarget[],
  summary: RunSummary,
  now: Date,
): Promise<number> {
  const t = summary.totals;
  return enqueueNotification(store, targets, {
    event: 'run.finished',
    dedupKey: `run.finished:${summary.runId}`,
    data: {
      runId: summary.runId,
      status: summary.status,
      trigger: summary.trigger,
      startedAt: summary.startedAt,
      finishedAt: summary.finishedAt,
      partitions: {
        complete: t.complete,
        failed: t.failed,
        skipped: t.skipped,
        deferred: t.deferred,
        interrupted: t.interrupted,
        locked: t.locked,
      },
      records: { written: t.written, unchanged: t.unchanged, notFound: t.notFound },
      error: summary.error === null ? null : { code: summary.error.code, message: summary.error.message },
      changes: changesLink(summary.runId),
    },
    at: now,
  });
}

/** One message per source and UTC day whose daily budget is used up. */
async function queueQuotaSpent(store: Store, config: ResolvedConfig, now: Date): Promise<number> {
  const day = utcDay(now);
  let queued = 0;
  for (const { source, quota } of config.sources) {
    const budget = quota.dailyBudget;
    if (budget === null || budget === undefined) continue;
    const used = await store.quotaUsed(source.id, day);
    if (used < budget) continue;
    queued += await enqueueNotification(store, config.notify, {
      event: 'quota.spent',
      dedupKey: `quota.spent:${source.id}:${day}`,
      data: {
        source: source.id,
        day,
        used,
        dailyBudget: budget,
        resetAt: nextUtcMidnight(now).toISOString(),
      },
      at: now,
    });
  }
  return queued;
}

/**
 * A partition that failed in this run and in the runs before it, `notifyAfterFailures` in a row
 * (runs that skipped it do not break the streak). Sent when the streak reaches the threshold,
 * not again while it goes on: the key is the run that made it reach it.
 */
async function queueRepeatedFailures(
  store: Store,
  config: ResolvedConfig,
  summary: RunSummary,
  now: Date,
): Promise<number> {
  const threshold = config.run.notifyAfterFailures;
  let queued = 0;
  for (const row of summary.partitions) {
    if (row.status !== 'failed') continue;
    const recent = await store.recentPartitionResults(row.partitionKey, threshold + 1);
    const streak = recent.findIndex((r) => r.status !== 'failed');
    const failures = streak === -1 ? recent.length : streak;
    if (failures !== threshold || recent[0]?.runId !== summary.runId) continue;
    queued += await enqueueNotification(store, config.notify, {
      event: 'partition.failed_repeatedly',
      dedupKey: `partition.failed_repeatedly:${row.partitionKey}:${summary.runId}`,
      data: {
        partitionKey: row.partitionKey,
        source: row.partitionKey.split(':')[0] ?? '',
        failures,
        runId: summary.runId,
        error: row.error === null ? null : { code: row.error.code, message: row.error.message },
      },
      at: now,
    });
  }
  return queued;
}
