import type { ResolvedConfig } from '@freshet/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeRun } from '../runs/execute-run.js';
import { type ManualClock, manualClock } from '../test-support/clock.js';
import { testConfig } from '../test-support/config.js';
import { weekSource } from '../test-support/sources.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { EMPTY_SCOPE } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST_NIGHT = Date.parse('2025-03-03T02:00:00Z');
// Each partition's one slice takes this long, so a run ends after its tick, as a real one does.
const SLICE_MS = 13_000;

let project: TempProject;
let clock: ManualClock;
let config: ResolvedConfig;

beforeEach(async () => {
  project = await tempProject();
  clock = manualClock(new Date(FIRST_NIGHT));
  const slowSlice = async () => {
    clock.advance(SLICE_MS);
    return { records: [], cursor: null, done: true };
  };
  config = await testConfig(
    project.dir,
    [
      { source: weekSource('daily', { fetchSlice: slowSlice }), sla: '1d', range: '2025-W10..2025-W11' },
      { source: weekSource('weekly', { fetchSlice: slowSlice }), sla: '7d', range: '2025-W10..2025-W12' },
    ],
    { cron: '0 2 * * *', upstreamAssets: [] },
  );
});
afterEach(async () => {
  await project.dispose();
});

describe('the nightly schedule keeps every SLA', () => {
  it('refreshes 1-day partitions every night and 7-day ones every week, none ever in breach at a tick', async () => {
    const lastComplete = new Map<string, number>();
    const runsOfWeekly = new Map<string, number[]>();
    for (let night = 0; night < 22; night++) {
      const tick = FIRST_NIGHT + night * DAY;
      clock.set(new Date(tick));
      // At every tick, nothing is older than its SLA (the first night everything is new).
      for (const [key, at] of lastComplete) {
        const slaMs = key.startsWith('daily:') ? DAY : 7 * DAY;
        expect(tick - at, `${key} at night ${night}`).toBeLessThanOrEqual(slaMs);
      }

      const summary = await executeRun({
        store: project.store,
        config,
        trigger: 'schedule',
        clock,
        scope: EMPTY_SCOPE,
      });
      expect(summary.status).toBe('succeeded');
      const reasons = new Set(summary.plan?.entries.map((e) => e.reason));
      if (night > 0)
        expect([...reasons].filter((r) => r === 'sla_breached' || r === 'never_run')).toEqual([]);
      const ran = summary.plan?.entries.filter((e) => e.action === 'run').map((e) => e.partitionKey) ?? [];
      expect(ran.filter((k) => k.startsWith('daily:')).sort(), `night ${night}`).toEqual([
        'daily:project_week_2025-W10',
        'daily:project_week_2025-W11',
      ]);
      for (const key of ran) {
        const checkpoint = await project.store.getCheckpoint(key);
        lastComplete.set(key, checkpoint!.lastCompleteAt!.getTime());
        if (key.startsWith('weekly:')) runsOfWeekly.set(key, [...(runsOfWeekly.get(key) ?? []), night]);
      }
    }
    // Once a week, not every night: the look-ahead refreshes only what would lapse.
    for (const nights of runsOfWeekly.values()) expect(nights).toEqual([0, 7, 14, 21]);
  });
});
