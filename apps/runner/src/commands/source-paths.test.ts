import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samGov } from '@freshet/source-sam-gov';
import { type SamGovSimulator, startSamGovSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../planner/types.js';
import type { RunSummary } from '../runs/types.js';
import { cli } from '../test-support/cli.js';
import { manualClock } from '../test-support/clock.js';
import { testConfig } from '../test-support/config.js';
import { fastQuota } from '../test-support/sources.js';
import { type TempProject, tempProject } from '../test-support/store.js';

let sim: SamGovSimulator;
let project: TempProject;
let elsewhere: string;

beforeAll(async () => {
  sim = await startSamGovSimulator({ entities: 30, rateLimit: null });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  project = await tempProject();
  // The working directory of the commands below: not the project, and without the file.
  elsewhere = await mkdtemp(join(tmpdir(), 'freshet-elsewhere-'));
  await mkdir(join(project.dir, 'data'), { recursive: true });
  await writeFile(join(project.dir, 'data', 'ueis.txt'), `${sim.ueis().slice(0, 25).join('\n')}\n`);
});
afterEach(async () => {
  await project.dispose();
  await rm(elsewhere, { recursive: true, force: true });
});

/** `config/freshet.config.ts` of the project, SAM.gov reading `data/ueis.txt`: relative, as written. */
const configOf = () =>
  testConfig(project.dir, [
    {
      source: samGov({ baseUrl: sim.baseUrl, apiKey: sim.apiKey, ueiFile: 'data/ueis.txt', batchSize: 10 }),
      quota: { ...fastQuota, dailyBudget: null },
    },
  ]);

describe('paths in source options', () => {
  it('mean the project root, as store.path does, whatever the working directory', async () => {
    const config = await configOf();
    expect(config.rootDir).toBe(project.dir);
    expect(config.store).toMatchObject({ path: join(project.dir, 'data', 'freshet.sqlite') });

    // Listing partitions reads the file from the project root, not from `elsewhere`.
    const clock = manualClock('2025-03-20T12:00:00Z');
    const plan = await cli(['plan', '--json'], { config, clock, cwd: elsewhere });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.json<Plan>().problems).toEqual([]);
    expect(plan.json<Plan>().entries.map((e) => e.partitionKey)).toEqual([
      'sam_gov:uei_batch_0001',
      'sam_gov:uei_batch_0002',
      'sam_gov:uei_batch_0003',
    ]);
  });

  it('mean the project root when a slice reads the file itself (partitions named, not listed)', async () => {
    // A new source instance, and a named partition: fetchSlice reads the UEI file on its own.
    const config = await configOf();
    const clock = manualClock('2025-03-20T12:00:00Z');
    const run = await cli(['run', '--partition', 'sam_gov:uei_batch_0002', '--json'], {
      config,
      clock,
      cwd: elsewhere,
    });
    const summary = run.json<RunSummary>();
    expect(summary.error).toBeNull();
    expect(summary.status).toBe('succeeded');
    expect(summary.partitions.map((p) => [p.partitionKey, p.status])).toEqual([
      ['sam_gov:uei_batch_0002', 'complete'],
    ]);
    expect(summary.totals.written + summary.totals.notFound).toBeGreaterThan(0);
  });
});
