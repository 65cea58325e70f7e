import type { RunRow } from '@freshet/core';
import { describe, expect } from 'vitest';
import { nihProjectTest } from './harness/fixtures.js';

// Nightly at 02:00 UTC; an SLA of a day, so each night's run has stale partitions to refresh.
const it = nihProjectTest({
  range: '2025-W09..2025-W10',
  sla: '1d',
  schedule: { cron: '0 2 * * *', timezone: 'UTC' },
});

describe('freshet (built binary): the schedule, ticked by `daemon --once` with an injected clock', () => {
  it('a due tick starts a run only while the sensor is active, and missed ticks run once', async ({
    project,
    nih,
  }) => {
    // FRESHET_NOW sets the clock of one command; it runs on at real speed from there.
    const at = (now: string, argv: string[]) => project.freshet(argv, { env: { FRESHET_NOW: now } });
    const tick = async (now: string) => {
      const result = await at(now, ['daemon', '--once']);
      expect(result.code, result.stderr).toBe(0);
      return result;
    };
    const report = async (now: string, status: 'success' | 'failure') => {
      const result = await at(now, ['assets', 'report', 'bulk_enrichment', '--status', status]);
      expect(result.code, result.stderr).toBe(0);
    };
    const store = await project.store();
    const scheduleRuns = async () =>
      (await store.listRuns()).filter((r) => r.trigger === 'schedule').reverse() as RunRow[];

    // First start: the schedule only remembers the time.
    await tick('2025-03-17T01:00:00Z');
    expect(await store.listRuns()).toEqual([]);

    // 02:00 is due, but the sensor is waiting: the tick is skipped and recorded, nothing fetched.
    await tick('2025-03-17T02:00:30Z');
    expect(await scheduleRuns()).toMatchObject([
      {
        runKey: 'schedule:2025-03-17T02:00:00.000Z',
        status: 'refused',
        error: { code: 'SENSOR_NOT_ACTIVE', message: expect.stringContaining('the sensor is waiting') },
      },
    ]);
    expect(nih.proxy.requests).toHaveLength(0);

    // The upstream asset succeeds; the sensor's own run for that success goes first (no tick due).
    await report('2025-03-17T03:00:00Z', 'success');
    await tick('2025-03-17T03:00:30Z');
    expect((await store.listRuns())[0]).toMatchObject({ trigger: 'sensor', status: 'succeeded' });
    expect(await scheduleRuns()).toHaveLength(1);

    // The daemon was down for three nights: the missed ticks collapse into one run of the newest.
    const requestsBefore = nih.proxy.requests.length;
    await tick('2025-03-20T02:30:00Z');
    const afterMissed = await scheduleRuns();
    expect(afterMissed).toHaveLength(2);
    expect(afterMissed[1]).toMatchObject({
      runKey: 'schedule:2025-03-20T02:00:00.000Z',
      status: 'succeeded',
      metadata: { trigger: { tick: '2025-03-20T02:00:00.000Z', missedTicks: 2 } },
    });
    const partitions = await store.listRunPartitions(afterMissed[1]!.id);
    expect(partitions.map((p) => [p.partitionKey, p.status]).sort()).toEqual([
      ['nih:project_week_2025-W09', 'complete'],
      ['nih:project_week_2025-W10', 'complete'],
    ]);
    expect(nih.proxy.requests.length).toBeGreaterThan(requestsBefore);
    // Ticking again in the same night starts nothing more.
    await tick('2025-03-20T02:45:00Z');
    expect(await scheduleRuns()).toHaveLength(2);

    // Paused by a failure: the next night's tick is skipped, and recorded with the reason.
    await report('2025-03-20T12:00:00Z', 'failure');
    const requestsPaused = nih.proxy.requests.length;
    await tick('2025-03-21T02:00:30Z');
    const afterPause = await scheduleRuns();
    expect(afterPause).toHaveLength(3);
    expect(afterPause[2]).toMatchObject({
      runKey: 'schedule:2025-03-21T02:00:00.000Z',
      status: 'refused',
      error: { code: 'SENSOR_NOT_ACTIVE', message: expect.stringContaining('the sensor is paused') },
    });
    expect(nih.proxy.requests.length).toBe(requestsPaused);
  });
});
