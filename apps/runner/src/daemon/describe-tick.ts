import type { Json } from '@freshet/core';
import type { TickReport } from './daemon-tick.js';

/** The tick's one info log line: a sentence for people, fields for log queries. */
export function describeTick(report: TickReport): { message: string; fields: Record<string, Json> } {
  const { schedule, sensor, resumed } = report;
  const decision = schedule.decision;
  const next = schedule.nextTick?.toISOString() ?? null;
  const parts: string[] = [];
  if (decision.action === 'start') {
    parts.push(`schedule tick ${decision.tick.toISOString()} started run ${decision.runKey}`);
    if (decision.missed > 0) parts.push(` (${decision.missed} missed tick(s) folded into it)`);
  } else if (decision.action === 'skip') {
    parts.push(`schedule tick ${decision.tick.toISOString()} skipped (recorded): ${decision.message}`);
  } else {
    parts.push(`schedule: nothing due, next tick ${next ?? 'never'}`);
  }
  if (resumed) parts.push(`; resuming interrupted run ${resumed.runId} (${resumed.runKey})`);
  parts.push(`; sensor ${sensor.status}`);
  if (sensor.requested) parts.push(`, started run ${sensor.requested} for a new upstream success`);
  else if (sensor.deferred) parts.push(`, run ${sensor.deferred} waits for the run going now`);
  else if (sensor.status !== 'active') parts.push(` (${sensor.reason})`);
  return {
    message: parts.join('').replace(/ ;/g, ';'),
    fields: {
      event: 'tick',
      schedule: {
        action: decision.action,
        ...(decision.action === 'none'
          ? {}
          : { tick: decision.tick.toISOString(), runKey: decision.runKey, missed: decision.missed }),
        ...(decision.action === 'skip' ? { reason: decision.reason } : {}),
        nextTick: next,
      },
      sensor: {
        status: sensor.status,
        reason: sensor.reason,
        requested: sensor.requested,
        deferred: sensor.deferred,
      },
      resumed: resumed ? { runId: resumed.runId, runKey: resumed.runKey } : null,
      runsInFlight: report.runsInFlight,
    },
  };
}
