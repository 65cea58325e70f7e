import { describe, expect } from 'vitest';
import { plan } from '../planner/plan.js';
import type { Plan } from '../planner/types.js';
import { testConfig } from '../test-support/config.js';
import { nihLikeSource } from '../test-support/nih-like-source.js';
import { cliTest } from '../test-support/project.js';

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
});
