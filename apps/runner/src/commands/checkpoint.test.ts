import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireRunLock } from '../runs/run-lock.js';
import { type CliProject, cliProject } from '../test-support/project.js';

let sim: NihSimulator;
let project: CliProject;
const W1 = 'nih:project_week_2024-W01';
beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 2, projectsPerWeek: 15, rateLimit: null });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  project = await cliProject(sim);
  await project.run(['run', '--partition', W1]);
});
afterEach(async () => {
  await project.dispose();
});

describe('freshet checkpoint', () => {
  it('shows a checkpoint, its lease and its ledger totals', async () => {
    const human = await project.run(['checkpoint', 'show', W1]);
    expect(human.stdout).toContain('status:    complete (attempt 1');
    expect(human.stdout).toContain('cursor:    {"offset":15}');
    expect(human.stdout).toContain('ledger:    15 records, 0 stale (SLA 7d)');
    const json = await project.run(['checkpoint', 'show', 'nih:project_week_2024-W02', '--json']);
    expect(json.json()).toMatchObject({
      partitionKey: 'nih:project_week_2024-W02',
      checkpoint: null,
      lease: null,
    });
    const bad = await project.run(['checkpoint', 'show', 'nih:week_2024-W02']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('nih:project_week_2025-W12');
  });

  it('validates the state artifact, comparing one partition', async () => {
    const result = await project.run(['checkpoint', 'validate', W1, '--json']);
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({
      status: 'valid',
      partition: { key: W1, artifact: { status: 'complete' }, checkpoint: { status: 'complete' } },
    });
  });

  it('resets a checkpoint only when confirmed', async () => {
    const noTerminal = await project.run(['checkpoint', 'reset', W1]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('pass --yes');

    const declined = await project.run(['checkpoint', 'reset', W1], {
      tty: true,
      confirm: async () => false,
    });
    expect(declined.stdout).toContain('not reset');
    expect(await project.store.getCheckpoint(W1)).not.toBeNull();

    let asked = '';
    const confirmed = await project.run(['checkpoint', 'reset', W1], {
      tty: true,
      confirm: async (question) => {
        asked = question;
        return true;
      },
    });
    expect(confirmed.code).toBe(0);
    expect(asked).toContain(`Reset ${W1} (complete, cursor {"offset":15})?`);
    expect(await project.store.getCheckpoint(W1)).toBeNull();
    // Records and ledger stay; the next plan sees the partition as never run.
    expect(await project.store.countRecords({ partitionKey: W1 })).toBe(15);
    const plan = await project.run(['plan', '--partition', W1, '--json']);
    expect(plan.json<{ entries: Array<{ reason: string }> }>().entries[0]?.reason).toBe('never_run');
  });

  it('refuses to reset or reconcile while a run is going', async () => {
    const lock = await acquireRunLock({
      store: project.store,
      runId: 'run_busy',
      ttlMs: 60_000,
      clock: project.clock,
    });
    expect((await project.run(['checkpoint', 'reset', W1, '--yes'])).code).toBe(3);
    const reconcile = await project.run(['checkpoint', 'reconcile']);
    expect(reconcile.code).toBe(3);
    expect(reconcile.stderr).toContain('run run_busy is going');
    await lock?.release();
    expect((await project.run(['checkpoint', 'reset', W1, '--yes'])).code).toBe(0);
  });
});
