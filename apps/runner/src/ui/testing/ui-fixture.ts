import { type AnySource, createRedactor, type ResolvedConfig, silentLogger } from '@freshet/core';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, beforeAll } from 'vitest';
import { reportAssetEvent } from '../../assets/report.js';
import type { RunScope } from '../../planner/types.js';
import { executeRun } from '../../runs/execute-run.js';
import type { RunSummary } from '../../runs/types.js';
import { testConfig } from '../../test-support/config.js';
import { nihLikeSource } from '../../test-support/nih-like-source.js';
import { tempProject } from '../../test-support/store.js';
import { createUiApp, type UiApp } from '../app.js';
import type { UiProject } from '../ui-project.js';
import { bigSource, seedBigSource } from './big-source.js';
import { type ShiftClock, shiftClock } from './shift-clock.js';

export const UPSTREAM = 'bulk_enrichment';
export const WEEKS = 12;
export const DAY_MS = 86_400_000;

export interface UiFixture {
  sim: NihSimulator;
  project: UiProject;
  config: ResolvedConfig;
  clock: ShiftClock;
  /** A manual run, as `freshet run` starts it. */
  run(scope: Partial<RunScope>, overridePause?: boolean): Promise<RunSummary>;
  report(status: 'success' | 'failure', message?: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A temp project whose NIH-like source (12 ISO weeks, 2024-W01..W12) fetches from the NIH
 * simulator, optionally with a big batch source of `bigPartitions` partitions beside it.
 */
export async function uiFixture(options: { bigPartitions?: number } = {}): Promise<UiFixture> {
  const sim = await startNihSimulator({
    startDate: '2024-01-01',
    weeks: WEEKS,
    projectsPerWeek: 24,
    rateLimit: null,
  });
  const temp = await tempProject();
  const clock = shiftClock('2025-03-20T12:00:00Z');
  const sources: Array<{ source: AnySource }> = [
    { source: nihLikeSource({ baseUrl: sim.baseUrl, range: `2024-W01..2024-W${WEEKS}` }) },
  ];
  if (options.bigPartitions) sources.push({ source: bigSource(options.bigPartitions) });
  const config = await testConfig(temp.dir, sources, { upstreamAssets: [UPSTREAM] });
  const project: UiProject = {
    config,
    configFile: null,
    store: temp.store,
    logger: silentLogger,
    print: { redact: createRedactor([]) },
    clock,
  };
  return {
    sim,
    project,
    config,
    clock,
    run: (scope, overridePause = false) =>
      executeRun({
        store: temp.store,
        config,
        trigger: 'manual',
        scope: { sources: null, partitions: [], window: null, force: false, ...scope },
        overridePause,
        clock,
      }),
    async report(status, message) {
      await reportAssetEvent(temp.store, { asset: UPSTREAM, status, message: message ?? null }, clock);
    },
    async dispose() {
      await temp.dispose();
      await sim.close();
    },
  };
}

/**
 * A store with every partition state on the NIH source: W01-W03 complete but 8 days old
 * (stale), W04-W06 fresh, W07 failed (the API answered 500), W08-W12 never run. The big
 * source, if any, is seeded with mostly fresh partitions and some stale and failed ones.
 */
export async function seedScenario(f: UiFixture): Promise<void> {
  await f.report('success');
  expectStatus(await f.run({ window: '2024-W01..2024-W03' }), 'succeeded');
  f.clock.advance(8 * DAY_MS);
  expectStatus(await f.run({ window: '2024-W04..2024-W06' }), 'succeeded');
  f.sim.setFaults({ rate: 1, kinds: ['http500'] });
  expectStatus(await f.run({ partitions: ['nih:project_week_2024-W07'] }), 'failed');
  f.sim.setFaults(null);
  const big = f.config.sources.find((s) => s.source.id === 'sam_gov');
  if (big) {
    const total = (await big.source.listPartitions({ options: big.source.options, now: f.clock.now() }))
      .length;
    await seedBigSource(f.project.store, big.source, f.clock.now(), {
      fresh: Math.floor(total * 0.6),
      stale: Math.floor(total * 0.15),
      failed: Math.floor(total * 0.02),
    });
  }
}

function expectStatus(summary: RunSummary, status: RunSummary['status']): void {
  if (summary.status !== status) {
    throw new Error(
      `seeding: run ${summary.runId} ${summary.status}, expected ${status}: ${JSON.stringify(summary.error)}`,
    );
  }
}

/**
 * For a test file that reads the seeded scenario through the UI app: the fixture and the app,
 * made before its tests and disposed of after (read them inside tests, not at load).
 */
export function seededUiApp(): { readonly f: UiFixture; readonly ui: UiApp } {
  const made: { f?: UiFixture; ui?: UiApp } = {};
  beforeAll(async () => {
    made.f = await uiFixture();
    await seedScenario(made.f);
    made.ui = createUiApp({ project: made.f.project });
  });
  afterAll(async () => {
    await made.ui?.runs.idle();
    await made.f?.dispose();
  });
  return {
    get f() {
      return made.f!;
    },
    get ui() {
      return made.ui!;
    },
  };
}
