import { describe, expect } from 'vitest';
import { plan } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import type { RunSummary } from '../runs/types.js';
import { testConfig } from '../test-support/config.js';
import { nihLikeSource } from '../test-support/nih-like-source.js';
import { cliTest } from '../test-support/project.js';
import { monthSource } from '../test-support/sources.js';

const it = cliTest({ startDate: '2024-01-01', weeks: 3, projectsPerWeek: 25, rateLimit: null });

describe('freshet plan', () => {
  it('prints the plan object itself with --json', async ({ project }) => {
    await project.run(['run', '--partition', 'nih:project_week_2024-W01']);
    const result = await project.run(['plan', '--json']);
    expect(result.code).toBe(0);
    const printed = result.json<Plan>();
    const direct = await plan({
      store: project.store,
      sources: project.config.sources,
      scope: { sources: null, partitions: [], window: null, force: false },
      now: project.clock.now(),
    });
    expect(printed).toEqual(direct);
    expect(printed.entries.map((e) => [e.partitionKey, e.reason, e.action])).toEqual([
      ['nih:project_week_2024-W02', 'never_run', 'run'],
      ['nih:project_week_2024-W03', 'never_run', 'run'],
      ['nih:project_week_2024-W01', 'fresh', 'skipped'],
    ]);
  });

  it('shows reasons, estimates and what the daily quota defers', async ({ project, sim }) => {
    project.config = await testConfig(project.dir, [
      { source: nihLikeSource({ baseUrl: sim.baseUrl }), quota: { dailyBudget: 25 } },
    ]);
    const result = await project.run(['plan']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('plan: 2 partitions to run (~20 API calls), 1 deferred, 0 skipped');
    expect(result.stdout).toMatch(
      /nih:project_week_2024-W03\s+never_run\s+deferred\s+~10\s+needs ~10 calls, but only 5 of the 25 calls left today/,
    );
    expect(result.stdout).toMatch(
      /nih {2}25 of 25 left {2}plan uses ~20 {2}~10 deferred {2}backlog clears on \d{4}-\d{2}-\d{2}/,
    );
    // Planning changes nothing.
    expect(await project.store.listRuns()).toEqual([]);
  });

  it('mentions a paused sensor', async ({ project }) => {
    await project.run(['assets', 'report', 'bulk_enrichment', '--status', 'failure']);
    const result = await project.run(['plan']);
    expect(result.stderr).toContain('note: the sensor is paused');
  });

  it('warns of each source a window leaves out, and why, in `plan` and `run`, and in their --json', async ({
    project,
    sim,
  }) => {
    project.config = await testConfig(project.dir, [
      { source: nihLikeSource({ baseUrl: sim.baseUrl }) },
      { source: monthSource('patentsview') },
    ]);
    const warning =
      'warning: patentsview left out by --window 2024-W01..2024-W02: its cohorts are months (a patentsview window looks like 2025-01..2025-05); add --source patentsview with such a window to run it';
    const human = await project.run(['plan', '--window', '2024-W01..2024-W02']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('plan: 2 partitions to run');
    expect(human.stderr).toContain(warning);
    const json = await project.run(['plan', '--window', '2024-W01..2024-W02', '--json']);
    expect(json.json<Plan>().notes).toEqual([
      { source: 'patentsview', message: warning.slice('warning: patentsview '.length) },
    ]);
    expect(json.stderr).toContain(warning);

    const run = await project.run(['run', '--window', '2024-W01..2024-W02']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(warning);
    const runJson = await project.run(['run', '--window', '2024-W01..2024-W02', '--force', '--json']);
    expect(runJson.code).toBe(0);
    expect(runJson.json<RunSummary>().plan?.notes).toEqual([
      { source: 'patentsview', message: warning.slice('warning: patentsview '.length) },
    ]);
    expect(runJson.stderr).toContain(warning);

    // Named with --source, nothing is left out: nothing to warn of.
    const named = await project.run(['plan', '--source', 'nih', '--window', '2024-W01..2024-W02']);
    expect(named.stderr).not.toContain('left out');
  });
});
