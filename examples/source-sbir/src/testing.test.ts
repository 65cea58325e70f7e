import { memoryStore, runSource, totalCounts } from '@freshet/testkit/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { companion } from './testing.js';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

describe('the companion', () => {
  it('points the source at the sandbox simulator, over a range that covers its whole dataset', async () => {
    const sim = await companion.sandbox.start({ seed: 2025, speedup: 20 });
    running.push(sim);
    const source = companion.source.create!(companion.sandbox.options(sim));
    expect(companion.range?.(sim)).toBe('2023..2024');
    const store = await memoryStore();
    running.push(store);
    const results = await runSource({
      store,
      source,
      partitionKeys: ['sbir:award_year_2023', 'sbir:award_year_2024'],
      // The source's own quota, sped up as much as the simulator's limit, as the sandbox runs it.
      quota: { ...source.quota, intervalMs: source.quota.intervalMs / 20 },
    });
    expect(results.map((r) => r.outcome)).toEqual(['complete', 'complete']);
    expect(totalCounts(results).written).toBe(sim.size);
    expect(sim.stats().violations).toBe(0);
  });

  it('describes the dataset freshet sim serves, resized by --size', async () => {
    const sim = await companion.sim.start({ seed: 1, sizes: { years: 2, awardsPerAgencyYear: 3 } });
    running.push(sim);
    expect(sim.size).toBe(2 * 11 * 3);
    expect(companion.sim.describe(sim)).toBe('66 awards, years 2022..2023, 60 requests/min per IP (assumed)');
    expect(companion.sim.options(sim, {})).toEqual({ baseUrl: sim.baseUrl });
  });
});
