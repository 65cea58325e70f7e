import { describe, expect, it } from 'vitest';
import type { TickReport } from './daemon-tick.js';
import { describeTick } from './describe-tick.js';

const base: TickReport = {
  at: new Date('2025-03-20T12:00:00Z'),
  resumed: null,
  schedule: { decision: { action: 'none' }, nextTick: new Date('2025-03-21T02:00:00Z') },
  sensor: {
    status: 'waiting',
    reason: 'waiting for upstream asset(s) to succeed: bulk',
    requested: null,
    deferred: null,
  },
  runsInFlight: 0,
};
const tick = new Date('2025-03-21T02:00:00Z');

describe('describeTick', () => {
  it('says what the schedule and the sensor decided, in one line with fields', () => {
    const quiet = describeTick(base);
    expect(quiet.message).toBe(
      'schedule: nothing due, next tick 2025-03-21T02:00:00.000Z; sensor waiting (waiting for upstream asset(s) to succeed: bulk)',
    );
    expect(quiet.fields).toMatchObject({
      event: 'tick',
      schedule: { action: 'none', nextTick: '2025-03-21T02:00:00.000Z' },
      sensor: { status: 'waiting' },
    });

    const busy = describeTick({
      ...base,
      schedule: {
        decision: { action: 'start', tick, runKey: 'schedule:2025-03-21T02:00:00.000Z', missed: 2 },
        nextTick: null,
      },
      sensor: { status: 'active', reason: 'ok', requested: null, deferred: 'sensor:7' },
      runsInFlight: 1,
    });
    expect(busy.message).toBe(
      'schedule tick 2025-03-21T02:00:00.000Z started run schedule:2025-03-21T02:00:00.000Z (2 missed tick(s) folded into it); sensor active, run sensor:7 waits for the run going now',
    );
    expect(busy.fields).toMatchObject({ schedule: { action: 'start', missed: 2 }, runsInFlight: 1 });
  });

  it('says why a tick was skipped, and names a resumed run and a sensor run', () => {
    const { message, fields } = describeTick({
      ...base,
      resumed: { runId: 'run_a', runKey: 'resume:run_a' },
      schedule: {
        decision: {
          action: 'skip',
          tick,
          runKey: 'schedule:2025-03-21T02:00:00.000Z',
          missed: 0,
          reason: 'run_in_progress',
          message: 'run run_b is still going',
        },
        nextTick: null,
      },
      sensor: { status: 'active', reason: 'ok', requested: 'sensor:9', deferred: null },
    });
    expect(message).toBe(
      'schedule tick 2025-03-21T02:00:00.000Z skipped (recorded): run run_b is still going; resuming interrupted run run_a (resume:run_a); sensor active, started run sensor:9 for a new upstream success',
    );
    expect(fields).toMatchObject({ schedule: { reason: 'run_in_progress' }, resumed: { runId: 'run_a' } });
  });
});
