import type { RunRow } from '@freshet/core';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProject, cliProject } from '../test-support/project.js';

let sim: NihSimulator;
let project: CliProject;
beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 3, projectsPerWeek: 25, rateLimit: null });
  project = await cliProject(sim);
});
afterAll(async () => {
  await project.dispose();
  await sim.close();
});

describe('freshet runs', () => {
  it('lists runs newest first and shows one with its partitions and SLA gaps closed', async () => {
    expect((await project.run(['runs', 'list'])).stdout).toContain('no runs yet');
    await project.run(['run', '--partition', 'nih:project_week_2024-W01']);
    project.clock.advance(60_000);
    await project.run(['assets', 'report', 'bulk_enrichment', '--status', 'failure', '--message', 'oom']);
    await project.run(['run']);

    const list = await project.run(['runs', 'list', '--json']);
    const runs = list.json<RunRow[]>();
    expect(runs.map((r) => r.status)).toEqual(['refused', 'succeeded']);
    const refused = await project.run(['runs', 'list', '--status', 'refused']);
    expect(refused.stdout).toContain('SENSOR_PAUSED');

    const show = await project.run(['runs', 'show', runs[1]!.id]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('status:   succeeded');
    expect(show.stdout).toMatch(/nih:project_week_2024-W01\s+complete\s+3 slices\s+25 written/);
    expect(show.stdout).toContain('SLA gaps closed (1):');

    const json = await project.run(['runs', 'show', runs[1]!.id, '--json']);
    expect(json.json<{ partitions: unknown[] }>().partitions).toHaveLength(1);
  });

  it('exits 2 for an unknown run id, saying where ids come from', async () => {
    const result = await project.run(['runs', 'show', 'run_nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`freshet runs list` shows the run ids');
  });
});
