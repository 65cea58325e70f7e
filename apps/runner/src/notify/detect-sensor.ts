import { enqueueNotification, type NotifyTarget, type Store } from '@freshet/core';
import { SENSOR_NAME } from '../sensor/sensor.js';

// Transitions older than this are history, not news: a first start on an old store stays quiet.
const RECENT_MS = 24 * 60 * 60_000;
const SCAN = 50;

/**
 * Queues `sensor.paused` / `sensor.resumed` for the sensor's recent transitions. Whichever
 * command moved the sensor (an asset report, a tick, the UI), the next poll finds the
 * transition; its key (sensor, time, new state) makes every later poll a no-op for it.
 */
export async function notifySensorTransitions(
  store: Store,
  targets: readonly NotifyTarget[],
  now: Date,
): Promise<number> {
  if (targets.length === 0) return 0;
  let queued = 0;
  for (const t of await store.listSensorTransitions(SENSOR_NAME, SCAN)) {
    if (now.getTime() - t.at.getTime() > RECENT_MS) continue;
    const event = t.to === 'paused' ? 'sensor.paused' : t.from === 'paused' ? 'sensor.resumed' : null;
    if (event === null) continue;
    queued += await enqueueNotification(store, targets, {
      event,
      dedupKey: `${event}:${t.name}:${t.at.getTime()}:${t.to}`,
      data: { sensor: t.name, from: t.from, reason: t.reason },
      at: t.at,
    });
  }
  return queued;
}
