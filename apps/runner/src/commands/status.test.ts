import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliProject, cliProject } from '../test-support/project.js';
import type { StatusReport } from './status.js';

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

describe('freshet status', () => {
  it('reports the sensor, schedule, artifact, runs and per-source freshness', async () => {
    await project.run(['run', '--partition', 'nih:project_week_2024-W01']);
    const result = await project.run(['status', '--json']);
    expect(result.code).toBe(0);
    const report = result.json<StatusReport>();
    expect(report).toMatchObject({
      sensor: { status: 'waiting', upstreamAssets: ['bulk_enrichment'] },
      schedule: { cron: '0 2 * * *', timezone: 'UTC', nextTick: '2025-03-21T02:00:00.000Z' },
      stateArtifact: { status: 'valid' },
      runInProgress: null,
      sources: [
        {
          source: 'nih',
          enabled: true,
          sla: '7d',
          partitions: { total: 3, complete: 1, running: 0, failed: 0, neverRun: 2 },
          slaGaps: 2,
          quota: { dailyBudget: null, usedToday: expect.any(Number) },
        },
      ],
    });
    expect(report.slaGaps.map((g) => g.reason)).toEqual(['never_run', 'never_run']);
    expect(report.lastRuns).toHaveLength(1);

    const human = await project.run(['status']);
    expect(human.stdout).toContain('sensor: waiting');
    expect(human.stdout).toContain('fires only while the sensor is active');
    expect(human.stdout).toMatch(/nih\s+7d\s+3\s+1\s+0\s+0\s+2\s+2/);
  });
});
