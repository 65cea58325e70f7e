import { readFile, writeFile } from 'node:fs/promises';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../planner/types.js';
import type { RunSummary } from '../runs/types.js';
import { testConfig } from '../test-support/config.js';
import { nihLikeSource } from '../test-support/nih-like-source.js';
import { type CliProject, cliProject } from '../test-support/project.js';

let sim: NihSimulator;
let project: CliProject;
const W1 = 'nih:project_week_2024-W01';

beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 3, projectsPerWeek: 25, rateLimit: null });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.setFaults(null);
  project = await cliProject(sim);
});
afterEach(async () => {
  await project.dispose();
});

describe('freshet run', () => {
  it('runs the plan and prints plain progress lines and a summary off a terminal', async () => {
    const result = await project.run(['run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^run run_\S+ started$/m);
    expect(result.stdout).toContain('plan: 3 partitions to run');
    expect(result.stdout).toMatch(/^start {4}nih:project_week_2024-W01$/m);
    expect(result.stdout).toMatch(/^done {5}nih:project_week_2024-W01 {2}\d+ slices, \d+ written/m);
    expect(result.stdout).toMatch(/run run_\S+ succeeded in/);
    expect(result.stdout).toContain('SLA gaps closed (3):');
    expect(result.stdout).toContain('state artifact written:');
  });

  it('counts the partitions a no-op run skips the same in its plan and in its summary', async () => {
    expect((await project.run(['run'])).code).toBe(0);
    const plan = await project.run(['plan']);
    expect(plan.stdout).toContain('0 deferred, 3 skipped');
    const again = await project.run(['run']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('plan: 0 partitions to run (~0 API calls), 0 deferred, 3 skipped');
    expect(again.stdout).toContain('0 complete, 0 failed, 0 deferred, 3 skipped');
    const json = await project.run(['run', '--json']);
    expect(json.json<RunSummary>().totals).toMatchObject({ complete: 0, skipped: 3 });
    const shown = await project.run(['runs', 'show', json.json<RunSummary>().runId]);
    expect(shown.stdout).toContain('3 skipped');
  });

  it('prints the run summary as JSON with --json, and nothing else on stdout', async () => {
    const result = await project.run(['run', '--partition', W1, '--json']);
    expect(result.code).toBe(0);
    const summary = result.json<RunSummary>();
    expect(summary).toMatchObject({ status: 'succeeded', trigger: 'manual', totals: { complete: 1 } });
    expect(summary.plan?.scope).toEqual({ sources: null, partitions: [W1], window: null, force: false });
    expect(summary.slaGapsClosed[0]).toMatchObject({ partitionKey: W1, reason: 'never_run' });
  });

  it('takes a source and a window', async () => {
    const result = await project.run(['run', '--source', 'nih', '--window', '2024-W02..2024-W03', '--json']);
    expect(result.code).toBe(0);
    expect(result.json<RunSummary>().partitions.map((p) => p.partitionKey)).toEqual([
      'nih:project_week_2024-W02',
      'nih:project_week_2024-W03',
    ]);
  });

  it('exits 2 for a bad partition key, window or source, naming the fix, and records no run', async () => {
    const key = await project.run(['run', '--partition', 'nih:project_week_2024-13']);
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('partition key "nih:project_week_2024-13": "2024-13" is not an ISO week');
    expect(key.stderr).toContain('A valid nih partition looks like nih:project_week_2025-W12');

    const window = await project.run(['run', '--window', '2024-W10..2024-W02']);
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('runs backwards');

    const source = await project.run(['run', '--source', 'sam_gov']);
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('configured sources: nih');
    expect(await project.store.listRuns()).toEqual([]);
  });

  it('refuses with exit 3 while the sensor is paused, and --force overrides it on the record', async () => {
    await project.run([
      'assets',
      'report',
      'bulk_enrichment',
      '--status',
      'failure',
      '--message',
      'disk full',
    ]);
    const refused = await project.run(['run']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      'refused: the sensor is paused: upstream asset bulk_enrichment failed: disk full',
    );
    expect(refused.stderr).toContain('--force');

    const forced = await project.run(['run', '--force', '--partition', W1, '--log-level', 'warn']);
    expect(forced.stderr).toContain('"msg":"running although the sensor is paused (--force)"');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('note: ran although the sensor is paused');
    const [latest] = await project.store.listRuns({ status: 'succeeded' });
    expect(latest?.metadata).toMatchObject({
      pauseOverride: { status: 'paused', reason: expect.stringContaining('disk full') },
    });
  });

  it('exits 1 when a partition fails, and a new run resumes it', async () => {
    project.config = await testConfig(project.dir, [
      { source: nihLikeSource({ baseUrl: sim.baseUrl }), quota: { retry: { maxAttempts: 1 } } },
    ]);
    sim.injectNext('http500', 1);
    const failed = await project.run(['run', '--partition', W1]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAILED   nih:project_week_2024-W01');
    expect(failed.stdout).toContain('state artifact not written');

    const plan = await project.run(['plan', '--partition', W1, '--json']);
    expect(plan.json<Plan>().entries[0]).toMatchObject({ reason: 'resumable' });
    expect((await project.run(['run', '--partition', W1])).code).toBe(0);
  });

  it('refuses with exit 3 when the state artifact does not match, until reconciled', async () => {
    expect((await project.run(['run', '--partition', W1])).code).toBe(0);
    const path = project.config.state.path;
    await writeFile(path, (await readFile(path, 'utf8')).replace('"slices"', '"slices" ').replace('1', '2'));
    const refused = await project.run(['run']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('freshet checkpoint reconcile');

    const check = await project.run(['checkpoint', 'validate']);
    expect(check.code).toBe(3);
    const reconcile = await project.run(['checkpoint', 'reconcile']);
    expect(reconcile.code).toBe(0);
    expect(reconcile.stdout).toContain('the previous file is kept as');
    expect((await project.run(['checkpoint', 'validate'])).code).toBe(0);
    expect((await project.run(['run'])).code).toBe(0);
  });

  it('never prints a secret, even when an error carries one', async () => {
    const secret = 'sk-test-4f9d8a7b6c5e';
    const leaky = nihLikeSource({ baseUrl: sim.baseUrl });
    project.config = await testConfig(project.dir, [
      {
        source: {
          ...leaky,
          secrets: [secret],
          fetchSlice: async () => {
            throw new Error(`upstream said: bad key ${secret}`);
          },
        },
      },
    ]);
    const human = await project.run(['run', '--partition', W1]);
    const json = await project.run(['run', '--partition', W1, '--json', '--log-level', 'debug']);
    for (const output of [human.stdout, human.stderr, json.stdout, json.stderr]) {
      expect(output).not.toContain(secret);
    }
    expect(human.stdout).toContain('bad key ***');
  });
});
