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

describe('run progress', () => {
  it('draws a progress bar on a terminal, with a line per finished partition, on stderr', async () => {
    const result = await project.run(['run'], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('plan: 3 partitions to run');
    expect(result.stderr).toMatch(/\d\/3 partitions/);
    expect(result.stderr).toContain('done     nih:project_week_2024-W01');
    // The summary stays on stdout, the bar never goes there.
    expect(result.stdout).toMatch(/^run run_\S+ succeeded/m);
    expect(result.stdout).not.toContain('partitions |');
  });
});
