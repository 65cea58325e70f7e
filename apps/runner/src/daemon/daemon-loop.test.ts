import { describe, expect, it } from 'vitest';
import { steppingClock } from '../test-support/stepping-clock.js';
import { runDaemonLoop } from './daemon-loop.js';
import type { TickReport } from './daemon-tick.js';

const report = (at: Date, nextTick: string | null): TickReport => ({
  at,
  resumed: null,
  schedule: { decision: { action: 'none' }, nextTick: nextTick === null ? null : new Date(nextTick) },
  sensor: { status: 'active', reason: 'ok', requested: null, deferred: null },
  runsInFlight: 0,
});

describe('runDaemonLoop', () => {
  it('ticks every interval, and at the next schedule tick when that comes sooner, until stopped', async () => {
    const clock = steppingClock('2025-03-20T01:58:30Z');
    const stop = new AbortController();
    const ticks: Array<[string, boolean]> = [];
    const end = await runDaemonLoop({
      clock,
      intervalMs: 60_000,
      stopSignal: stop.signal,
      renewLease: async () => true,
      tick: async (startUp) => {
        ticks.push([clock.now().toISOString().slice(11, 19), startUp]);
        if (ticks.length === 4) stop.abort();
        return report(clock.now(), '2025-03-20T02:00:00Z');
      },
    });
    expect(end).toBe('stopped');
    expect(ticks).toEqual([
      ['01:58:30', true],
      ['01:59:30', false],
      ['02:00:00', false],
      // Past the tick, nextTick (as a real schedule would say) is tomorrow: the interval wins.
      ['02:00:00', false],
    ]);
  });

  it('ticks once with --once, and throws that tick’s error', async () => {
    const clock = steppingClock();
    let ticks = 0;
    const options = {
      clock,
      intervalMs: 1000,
      stopSignal: new AbortController().signal,
      once: true,
      renewLease: async () => true,
    };
    expect(
      await runDaemonLoop({
        ...options,
        tick: async () => {
          ticks += 1;
          return report(clock.now(), null);
        },
      }),
    ).toBe('once');
    expect(ticks).toBe(1);
    await expect(
      runDaemonLoop({
        ...options,
        tick: async () => {
          throw new Error('database is locked');
        },
      }),
    ).rejects.toThrow('database is locked');
  });

  it('reports a failed tick and tries again next interval', async () => {
    const clock = steppingClock();
    const stop = new AbortController();
    const errors: unknown[] = [];
    let ticks = 0;
    await runDaemonLoop({
      clock,
      intervalMs: 5000,
      stopSignal: stop.signal,
      renewLease: async () => true,
      tick: async () => {
        ticks += 1;
        if (ticks === 1) throw new Error('busy');
        stop.abort();
        return report(clock.now(), null);
      },
      onTickError: (e) => errors.push(e),
    });
    expect(errors).toEqual([new Error('busy')]);
    expect(ticks).toBe(2);
  });

  it('ends when another daemon took the lease over', async () => {
    const clock = steppingClock();
    let renewals = 0;
    const end = await runDaemonLoop({
      clock,
      intervalMs: 1000,
      stopSignal: new AbortController().signal,
      renewLease: async () => ++renewals < 3,
      tick: async () => report(clock.now(), null),
    });
    expect(end).toBe('lease-lost');
    expect(renewals).toBe(3);
  });
});
