import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAR_SEGMENTS, PAGE_SIZE, type SourcePartitions } from '../views/source-partitions.js';
import { createUiApp, type UiApp } from './app.js';
import { seedScenario, type UiFixture, uiFixture } from './testing/ui-fixture.js';

const PARTITIONS = 12_000;
let f: UiFixture;
let ui: UiApp;

beforeAll(async () => {
  f = await uiFixture({ bigPartitions: PARTITIONS });
  await seedScenario(f);
  ui = createUiApp({ project: f.project });
}, 60_000);
afterAll(async () => {
  await f.dispose();
});

async function timed(path: string): Promise<{ ms: number; body: string }> {
  const t = performance.now();
  const res = await ui.app.request(path);
  const body = await res.text();
  expect(res.status, path).toBe(200);
  return { ms: performance.now() - t, body };
}

describe(`a source with ${PARTITIONS} partitions`, () => {
  it('renders one page of the grid and a bounded bar, quickly', async () => {
    const { ms, body } = await timed('/sources/sam_gov');
    expect(ms).toBeLessThan(2_000);
    expect(body.match(/class="cell /g)).toHaveLength(PAGE_SIZE);
    expect((body.match(/class="seg /g) ?? []).length).toBeLessThanOrEqual(BAR_SEGMENTS);
    expect(body).toContain(`partitions 1–${PAGE_SIZE} of ${PARTITIONS}`);
    // A page stays small whatever the number of partitions.
    expect(body.length).toBeLessThan(300_000);
  });

  it('counts every partition and pages through them, filtered by state too', async () => {
    const all = JSON.parse((await timed('/api/sources/sam_gov/partitions?page=24')).body) as SourcePartitions;
    expect(all.total).toBe(PARTITIONS);
    expect(Object.values(all.counts).reduce((a, b) => a + b, 0)).toBe(PARTITIONS);
    expect(all.counts.fresh).toBeGreaterThan(6_000);
    expect(all.counts.stale).toBeGreaterThan(1_000);
    expect(all.counts.failed).toBeGreaterThan(100);
    expect(all.page).toBe(24);
    expect(all.cells.at(-1)?.key).toBe('sam_gov:uei_batch_12000');
    const failed = JSON.parse(
      (await timed('/api/sources/sam_gov/partitions?state=failed')).body,
    ) as SourcePartitions;
    expect(failed.matching).toBe(all.counts.failed);
    expect(failed.cells.every((c) => c.state === 'failed')).toBe(true);
  });

  it('keeps the overview quick', async () => {
    const { ms, body } = await timed('/');
    expect(ms).toBeLessThan(2_000);
    expect(body).toContain('sam_gov');
  });
});
