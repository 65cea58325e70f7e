import { createHash } from 'node:crypto';
import type { Json } from '../json.js';
import type { NotifyEvent } from './events.js';

interface ErrorSummary {
  code: string;
  message: string;
}

/** The data each event carries, under `data` in the message body. */
export interface NotificationData {
  'run.finished': {
    runId: string;
    status: string;
    trigger: string;
    startedAt: string;
    finishedAt: string | null;
    /** Partitions by their result in this run (complete, failed, skipped, …). */
    partitions: Record<string, number>;
    records: { written: number; unchanged: number; notFound: number };
    error: ErrorSummary | null;
    /** Where the run's change feed is read. */
    changes: { api: string; cli: string };
  };
  'sla_gap.opened': {
    partitionKey: string;
    source: string;
    reason: string;
    breachedSince: string | null;
    lastCompleteAt: string | null;
    staleRecords: number;
  };
  'sla_gap.closed': {
    partitionKey: string;
    source: string;
    runId: string;
    reason: string;
    breachedSince: string | null;
    closedAt: string;
    staleRecordsBefore: number;
    staleRecordsAfter: number;
  };
  'sensor.paused': { sensor: string; from: string | null; reason: string | null };
  'sensor.resumed': { sensor: string; from: string | null; reason: string | null };
  'quota.spent': { source: string; day: string; used: number; dailyBudget: number; resetAt: string };
  'partition.failed_repeatedly': {
    partitionKey: string;
    source: string;
    /** Failures in a row, this run's included. */
    failures: number;
    runId: string;
    error: ErrorSummary | null;
  };
}

/** The JSON body every delivery posts. `id` is stable across retries: receivers de-duplicate on it. */
export interface NotificationMessage<E extends NotifyEvent = NotifyEvent> {
  event: E;
  id: string;
  at: string;
  /** A readable one-line summary; Slack's incoming webhooks show it as the message. */
  text: string;
  data: NotificationData[E];
}

/**
 * The message id of an occurrence, from its de-duplication key (`run.finished:<run id>`): the
 * same occurrence seen twice (two workers, a retried tick) gets the same id, so it is stored once.
 */
export function notificationId(dedupKey: string): string {
  return `ntf_${createHash('sha256').update(dedupKey).digest('hex').slice(0, 24)}`;
}

export function notificationMessage<E extends NotifyEvent>(
  event: E,
  data: NotificationData[E],
  options: { dedupKey: string; at: Date },
): NotificationMessage<E> {
  return {
    event,
    id: notificationId(options.dedupKey),
    at: options.at.toISOString(),
    text: notificationText(event, data),
    data,
  };
}

const texts: { [E in NotifyEvent]: (data: NotificationData[E]) => string } = {
  'run.finished': (d) => {
    const parts = Object.entries(d.partitions)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ');
    const partitions = parts === '' ? 'no partitions' : `partitions: ${parts}`;
    return `Freshet run ${d.runId} ${d.status} (${d.trigger}): ${partitions}; records ${d.records.written} written, ${d.records.unchanged} unchanged, ${d.records.notFound} not found. Changes: ${d.changes.cli}`;
  },
  'sla_gap.opened': (d) =>
    `Freshet SLA gap opened: ${d.partitionKey} (${d.reason.replaceAll('_', ' ')}${d.breachedSince ? ` since ${d.breachedSince}` : ''}), ${d.staleRecords} stale records`,
  'sla_gap.closed': (d) =>
    `Freshet SLA gap closed: ${d.partitionKey} by run ${d.runId} at ${d.closedAt}; stale records ${d.staleRecordsBefore} -> ${d.staleRecordsAfter}`,
  'sensor.paused': (d) => `Freshet sensor ${d.sensor} paused${d.reason ? `: ${d.reason}` : ''}`,
  'sensor.resumed': (d) => `Freshet sensor ${d.sensor} resumed${d.reason ? `: ${d.reason}` : ''}`,
  'quota.spent': (d) =>
    `Freshet daily quota of ${d.source} spent for ${d.day} (${d.used}/${d.dailyBudget} requests); resets at ${d.resetAt}`,
  'partition.failed_repeatedly': (d) =>
    `Freshet partition ${d.partitionKey} failed ${d.failures} times in a row (last in run ${d.runId})${d.error ? `: ${d.error.code} ${d.error.message}` : ''}`,
};

export function notificationText<E extends NotifyEvent>(event: E, data: NotificationData[E]): string {
  return (texts[event] as (data: NotificationData[E]) => string)(data);
}

/** The message as the JSON the outbox stores and the receiver gets. */
export function messageBody(message: NotificationMessage): string {
  return JSON.stringify(message as unknown as Json);
}
