import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { Plan } from '../planner/types.js';
import { type CliProject, cliTest } from '../test-support/project.js';
import { addRunningRun, deadPid } from '../test-support/running-run.js';

// The store, the state artifact and the run records as the read-only commands see them.
const it = cliTest({ startDate: '2024-01-01', weeks: 2, projectsPerWeek: 15, rateLimit: null });
const W1 = 'nih:project_week_2024-W01';

/** Points the project at another store path (the test's own store stays open on the old one). */
function useStore(project: CliProject, path: string): void {
  project.config = { ...project.config, store: { kind: 'sqlite', path, label: path } };
}

describe('read-only commands and the store file', () => {
  it('never create a store: a missing one is said so, with how to start', async ({ project }) => {
    const path = join(project.dir, 'data', 'other.sqlite');
    useStore(project, path);
    for (const argv of [['status'], ['plan', '--json'], ['runs', 'list'], ['checkpoint', 'validate']]) {
      const result = await project.run(argv);
      expect(result.code, argv.join(' ')).toBe(0);
      expect(result.stderr, argv.join(' ')).toContain(`there is no store at ${path} yet`);
      expect(result.stderr, argv.join(' ')).toContain('Run `freshet run` first');
    }
    const plan = (await project.run(['plan', '--json'])).json<Plan>();
    expect(plan.entries.length).toBeGreaterThan(0);
    expect(new Set(plan.entries.map((e) => e.reason))).toEqual(new Set(['never_run']));
    const reconcile = await project.run(['checkpoint', 'reconcile']);
    expect(reconcile.code).not.toBe(0);
    expect(reconcile.stderr).toContain(`there is no store at ${path} yet`);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(project.config.state.path)).toBe(false);

    // `run` creates it.
    expect((await project.run(['run', '--partition', W1])).code).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect((await project.run(['status'])).stderr).not.toContain('there is no store');
  });

  it.for([
    ['a 0-byte store file', '', 'is empty (0 bytes)'],
    ['a store file that is not SQLite', 'not a database at all\n', 'is not a SQLite database'],
  ] as const)(
    'refuse %s naming the path and the fix, for every command, and never overwrite it',
    async ([, text, problem], { project }) => {
      const path = join(project.dir, 'data', 'broken.sqlite');
      await mkdir(join(project.dir, 'data'), { recursive: true });
      await writeFile(path, text);
      useStore(project, path);
      for (const argv of [['status'], ['plan'], ['runs', 'list'], ['checkpoint', 'reconcile'], ['run']]) {
        const result = await project.run(argv);
        expect(result.code, argv.join(' ')).not.toBe(0);
        expect(result.stderr, argv.join(' ')).toContain(`store ${path} ${problem}`);
        expect(result.stderr, argv.join(' ')).toContain(
          'Restore the store from a backup, or move the file away',
        );
        expect(result.stderr, argv.join(' ')).not.toContain('reconcile');
      }
      expect(await readFile(path, 'utf8')).toBe(text);
    },
  );

  it('checkpoint reconcile names the path when the state artifact is a directory, and leaves it', async ({
    project,
  }) => {
    expect((await project.run(['run', '--partition', W1])).code).toBe(0);
    const path = project.config.state.path;
    await writeFile(`${path}.keep`, await readFile(path));
    await rm(path);
    await mkdir(path);
    const result = await project.run(['checkpoint', 'reconcile']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `error: ${path} is a directory, not the state artifact file; move it away`,
    );
    expect(result.stderr).not.toContain('EISDIR');
    expect((await stat(path)).isDirectory()).toBe(true);
  });
});

describe('a run whose process died', () => {
  async function addDeadRun(project: CliProject, id: string): Promise<number> {
    const pid = deadPid();
    await addRunningRun(project.store, id, { host: hostname(), pid }, project.clock.now());
    return pid;
  }

  it('leaves its partitions free in the plan, and is listed interrupted once the next run starts', async ({
    project,
  }) => {
    await addDeadRun(project, 'run_killed');
    await project.store.acquireLease(W1, 'run_killed', 600_000, project.clock.now());
    await project.store.acquireLease('freshet-run-lock', 'run_killed', 600_000, project.clock.now());

    const plan = (await project.run(['plan', '--json'])).json<Plan>();
    expect(plan.entries.find((e) => e.partitionKey === W1)).toMatchObject({
      reason: 'never_run',
      action: 'run',
    });
    const status = await project.run(['status', '--json']);
    expect(status.json<{ runInProgress: string | null }>().runInProgress).toBeNull();

    const next = await project.run(['run', '--json']);
    expect(next.code, next.stderr).toBe(0);
    const list = await project.run(['runs', 'list']);
    expect(list.stdout).toMatch(/run_killed\s+manual\s+interrupted/);
    expect(list.stdout).toContain('is gone: it stopped before the run finished');
  });
});
