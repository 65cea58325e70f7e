import type { UsaspendingSimulator } from '@freshet/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COMPANIONS } from '../simulators/companions.js';
import { startSimulatorSet } from '../simulators/simulator-set.js';
import { manualClock } from '../test-support/clock.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import {
  DAY_MS,
  GENERATION_META_KEY,
  readGeneration,
  replayGenerations,
  sandboxClock,
  saveGeneration,
} from './generation.js';
import { SANDBOX_SEED } from './open-sandbox.js';

let project: TempProject;
beforeEach(async () => {
  project = await tempProject();
});
afterEach(async () => {
  await project.dispose();
});

describe('sandbox generations', () => {
  it('are counted in the store’s meta, from 0', async () => {
    expect(await readGeneration(project.store)).toBe(0);
    await saveGeneration(project.store, 2);
    expect(await readGeneration(project.store)).toBe(2);
    await project.store.setMeta(GENERATION_META_KEY, 'garbage');
    expect(await readGeneration(project.store)).toBe(0);
  });

  it('move the clock one day per generation, and sleep on the base clock', async () => {
    const base = manualClock('2025-03-20T12:00:00Z');
    const clock = sandboxClock(base, 3);
    expect(clock.now().toISOString()).toBe('2025-03-23T12:00:00.000Z');
    await clock.sleep(1000);
    expect(base.now().getTime() - new Date('2025-03-20T12:00:00Z').getTime()).toBe(1000);
    expect(clock.now().getTime() - base.now().getTime()).toBe(3 * DAY_MS);
  });

  it('replay the same upstream changes on simulators started afresh from the seed', async () => {
    const profile = { kind: 'sandbox', seed: SANDBOX_SEED, speedup: 20 } as const;
    const first = await startSimulatorSet(DEFAULT_COMPANIONS, profile);
    const second = await startSimulatorSet(DEFAULT_COMPANIONS, profile);
    const usaspending = (set: typeof first) =>
      set.list().find((s) => s.sourceId === 'usaspending')!.simulator as UsaspendingSimulator;
    try {
      expect(replayGenerations(first, 0)).toEqual(new Map());
      const latest = replayGenerations(first, 2);
      // 5% of each dataset: 150 awards, 90 projects, 120 entities, 108 patents.
      expect(Object.fromEntries(latest)).toEqual({ nih: 5, sam_gov: 6, usaspending: 8, patentsview: 5 });
      replayGenerations(second, 1);
      const [one, two] = [usaspending(first), usaspending(second)];
      const award = one.fiscalYears()[0]!;
      const keys = one.truthKeys(one.cohortFilters(award.fiscalYear, 'contracts'));
      const changedOnlyByGeneration2 = keys.filter(
        (k) => JSON.stringify(one.award(k)) !== JSON.stringify(two.award(k)),
      );
      two.mutate({ fraction: 0.05, seed: 2 });
      for (const key of keys) expect(two.award(key)).toEqual(one.award(key));
      expect(changedOnlyByGeneration2.length).toBeGreaterThan(0);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
