import { afterEach, describe, expect, it } from 'vitest';
import { NIH_DEFAULT_RATE_LIMIT } from '../simulators/nih/index.js';
import { type SamGovSimulator, samDailyRateLimit } from '../simulators/sam-gov/index.js';
import { USASPENDING_DEFAULT_RATE_LIMIT } from '../simulators/usaspending/index.js';
import {
  COMPANION_API_KEY,
  type CompanionSimulator,
  companions,
  SPED_UP_WINDOW_SLACK_MS,
  speedUpRateLimit,
} from './index.js';

const running: CompanionSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});
const byId = (id: string) => companions.find((c) => c.sourceId === id)!;
const track = async (start: Promise<CompanionSimulator>) => {
  const sim = await start;
  running.push(sim);
  return sim;
};

describe('the first-party companions', () => {
  it('are one per source, in port order', () => {
    expect(companions.map((c) => [c.sourceId, c.source.package, c.source.factory])).toEqual([
      ['nih', '@freshet/source-nih', 'nih'],
      ['sam_gov', '@freshet/source-sam-gov', 'samGov'],
      ['usaspending', '@freshet/source-usaspending', 'usaspending'],
      ['patentsview', '@freshet/source-patentsview', 'patentsview'],
    ]);
  });

  it('serve the sizes asked for, with a range covering exactly the dataset and options pointing at it', async () => {
    const nih = byId('nih');
    const sim = await track(nih.sim.start({ seed: 1, sizes: { weeks: 2, projectsPerWeek: 5 } }));
    expect(sim.size).toBe(10);
    expect(nih.range?.(sim)).toBe('2024-W01..2024-W02');
    expect(nih.sim.options(sim, {})).toEqual({ baseUrl: sim.baseUrl });
    expect(nih.sim.describe(sim)).toBe('10 projects, weeks 2024-W01..2024-W02, 1 request/s per IP');
    expect(Object.keys(nih.sim.sizes ?? {})).toEqual(['weeks', 'projectsPerWeek']);
  });

  it('give SAM.gov its UEI file and the key the simulator accepts', async () => {
    const sam = byId('sam_gov');
    const sim = await track(sam.sim.start({ seed: 1, sizes: { entities: 7 } }));
    const files = sam.sim.files?.(sim) ?? {};
    expect(files['ueis.txt']).toHaveLength(7);
    expect(sam.sim.options(sim, { 'ueis.txt': 'data/sim/sam_gov-ueis.txt' })).toEqual({
      baseUrl: sim.baseUrl,
      apiKey: COMPANION_API_KEY,
      ueiFile: 'data/sim/sam_gov-ueis.txt',
    });
    expect(sam.range).toBeUndefined();
    const sandbox = (await track(sam.sandbox.start({ seed: 2025, speedup: 20 }))) as SamGovSimulator;
    const ueis = sam.sandbox.options(sandbox).ueis as string[];
    // 45 registered and 2 unknown UEIs.
    expect(ueis.filter((uei) => sandbox.ueis().includes(uei))).toHaveLength(45);
    expect(ueis).toHaveLength(47);
  });

  it('start the sandbox datasets small, on their fixed windows', async () => {
    const ranges: Record<string, string | undefined> = {};
    for (const companion of companions) {
      const sim = await track(companion.sandbox.start({ seed: 2025, speedup: 20 }));
      ranges[companion.sourceId] = companion.range?.(sim);
      expect(companion.sandbox.options(sim).baseUrl).toBe(sim.baseUrl);
    }
    expect(ranges).toEqual({
      nih: '2025-W02..2025-W04',
      sam_gov: undefined,
      usaspending: '2023..2025',
      patentsview: '2025-01..2025-03',
    });
  });
});

// Moved from the runner's sandbox with the function.
describe('speeding a simulator up for the sandbox', () => {
  it('speeds a simulator’s window up as much (less the jitter slack), and its burst; not a daily quota', () => {
    expect(speedUpRateLimit(NIH_DEFAULT_RATE_LIMIT, 20)).toEqual({
      requests: 1,
      intervalMs: 50 - SPED_UP_WINDOW_SLACK_MS,
    });
    expect(speedUpRateLimit(USASPENDING_DEFAULT_RATE_LIMIT, 20)).toEqual({
      requests: 120,
      intervalMs: 3000 - SPED_UP_WINDOW_SLACK_MS,
      burst: 200,
    });
    const daily = samDailyRateLimit('role');
    expect(speedUpRateLimit(daily, 20)).toBe(daily);
  });
});
