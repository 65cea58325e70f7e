import { describe, expect, it } from 'vitest';
import { decideScheduleTick } from './decide.js';

const active = { status: 'active' as const, reason: 'every upstream asset succeeded' };
const t1 = new Date('2025-03-19T02:00:00Z');
const t2 = new Date('2025-03-20T02:00:00Z');

describe('decideScheduleTick', () => {
  it('does nothing without a due tick', () => {
    expect(decideScheduleTick({ due: [], sensor: active, runInProgress: null })).toEqual({ action: 'none' });
  });

  it('starts one run for the newest of several missed ticks', () => {
    expect(decideScheduleTick({ due: [t1, t2], sensor: active, runInProgress: null })).toEqual({
      action: 'start',
      tick: t2,
      runKey: 'schedule:2025-03-20T02:00:00.000Z',
      missed: 1,
    });
  });

  it('skips while the sensor is paused or waiting, saying why', () => {
    const decision = decideScheduleTick({
      due: [t2],
      sensor: { status: 'paused', reason: 'upstream asset bulk failed: oom' },
      runInProgress: null,
    });
    expect(decision).toMatchObject({ action: 'skip', reason: 'sensor_not_active' });
    expect(decision.action === 'skip' && decision.message).toContain(
      'paused (upstream asset bulk failed: oom)',
    );
    expect(
      decideScheduleTick({ due: [t2], sensor: { status: 'waiting', reason: 'x' }, runInProgress: null }),
    ).toMatchObject({ action: 'skip', reason: 'sensor_not_active' });
  });

  it('skips while another run is going', () => {
    expect(decideScheduleTick({ due: [t2], sensor: active, runInProgress: 'run_1' })).toMatchObject({
      action: 'skip',
      reason: 'run_in_progress',
      message: expect.stringContaining('run_1'),
    });
  });
});
