import { z } from 'zod';
import type { SensorState } from './types.js';

/** The sensor's state as stored (and as the UI's JSON API sends it). */
export const sensorStateSchema = z.object({
  status: z.enum(['waiting', 'active', 'paused']),
  reason: z.string(),
  since: z.string(),
  waitingFor: z.array(z.string()),
  failures: z.array(
    z.object({ asset: z.string(), message: z.string().nullable(), eventId: z.number(), at: z.string() }),
  ),
  lastRequestedEventId: z.number().nullable(),
  lastRequestedRunKey: z.string().nullable(),
}) satisfies z.ZodType<SensorState>;

/**
 * The stored state, or null when there is none or it is not a state this runner wrote (an
 * older shape): the sensor then derives it afresh from the asset events, losing only which
 * success a run was last requested for — and the run key still stops a duplicate run.
 */
export function parseSensorState(value: unknown): SensorState | null {
  const parsed = sensorStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
