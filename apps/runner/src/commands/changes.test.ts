import type { RunRow } from '@freshet/core';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProject, cliProject } from '../test-support/project.js';
import type { ChangeLine } from '../views/change-line.js';

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

const lines = (stdout: string): ChangeLine[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ChangeLine);

describe('freshet changes', () => {
  it('streams a run’s changes as JSON Lines, and every change since a run or a time', async () => {
    expect((await project.run(['run'])).code).toBe(0);
    const { changed } = sim.mutate({ fraction: 0.2, seed: 7 });
    project.clock.advance(60_000);
    expect((await project.run(['run', '--force'])).code).toBe(0);
    const runs = (await project.run(['runs', 'list', '--json'])).json<RunRow[]>();
    const [second, first] = runs.map((r) => r.id);

    const result = await project.run(['changes', '--run', second!]);
    expect(result.code).toBe(0);
    const feed = lines(result.stdout);
    expect(feed.map((c) => c.key).sort()).toEqual(changed.map(String).sort());
    for (const change of feed) {
      expect(change).toMatchObject({ kind: 'changed', source: 'nih', revision: 2, runId: second });
      expect(change.partition).toMatch(/^nih:project_week_2024-W0[123]$/);
      expect(change.changedFields?.modified.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(change.at))).toBe(false);
    }

    const sinceFirst = lines((await project.run(['changes', '--since', first!])).stdout);
    expect(sinceFirst.filter((c) => c.kind === 'created')).toHaveLength(75);
    expect(sinceFirst.filter((c) => c.kind === 'changed')).toEqual(feed);
    const oneWeek = lines(
      (await project.run(['changes', '--since', '2000-01-01', '--partition', 'nih:project_week_2024-W02']))
        .stdout,
    );
    expect(oneWeek.filter((c) => c.kind === 'created')).toHaveLength(25);
    expect(new Set(oneWeek.map((c) => c.partition))).toEqual(new Set(['nih:project_week_2024-W02']));
  });

  it('exits 2 naming the problem: neither or both selections, a bad time, an unknown run', async () => {
    const neither = await project.run(['changes']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('give either --run <id>');
    const badTime = await project.run(['changes', '--since', '2025-13-45']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('is not a time');
    const unknown = await project.run(['changes', '--run', 'run_nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('which this store does not hold');
  });
});
