/** Every event a notification can be sent for, in the order the docs list them. */
export const NOTIFY_EVENTS = [
  'run.finished',
  'sla_gap.opened',
  'sla_gap.closed',
  'sensor.paused',
  'sensor.resumed',
  'quota.spent',
  'partition.failed_repeatedly',
] as const;

export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export function isNotifyEvent(value: string): value is NotifyEvent {
  return (NOTIFY_EVENTS as readonly string[]).includes(value);
}
