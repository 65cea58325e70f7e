import { readdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ARTIFACT_WRITE_STEPS } from '@freshet/core';
import { describe, expect } from 'vitest';
import type { RunSummary } from '../src/runs/types.js';
import { nihProjectTest } from './harness/fixtures.js';
import { partitionKey } from './harness/nih.js';

type RunRowJson = { id: string; status: string; error: { code: string; message: string } | null };

const it = nihProjectTest({ range: '2025-W09..2025-W10' });

describe('freshet (built binary): SIGKILL while the state artifact is written', () => {
  it('at every step, the next run goes on by itself and the killed run is listed interrupted', async ({
    project,
  }) => {
    const W09 = partitionKey('2025-W09');
    const first = await project.freshet(['run', '--partition', W09]);
    expect(first.code, first.stderr).toBe(0);

    for (const step of ARTIFACT_WRITE_STEPS) {
      const killed = await project.freshet(['run', '--force', '--partition', W09, '--json'], {
        env: { FRESHET_CRASH_AT: `artifact:${step}` },
      });
      expect(killed.signal, `${step}: ${killed.stderr}`).toBe('SIGKILL');

      // Read-only checks before anything heals: nothing refused, nothing written.
      const validate = await project.freshet(['checkpoint', 'validate']);
      expect(validate.code, `${step}: ${validate.stderr}`).toBe(0);

      const next = await project.freshet(['run', '--force', '--partition', W09, '--json']);
      expect(next.code, `${step}: ${next.stderr}`).toBe(0);
      expect(next.json<RunSummary>().status).toBe('succeeded');
      const temps = (await readdir(dirname(project.statePath))).filter((f) => f.endsWith('.tmp'));
      expect(temps, step).toEqual([]);
      const runs = (await project.freshet(['runs', 'list', '--json'])).json<RunRowJson[]>();
      expect(runs[1], step).toMatchObject({
        status: 'interrupted',
        error: { code: 'ABORTED', message: expect.stringContaining('is gone') },
      });
      expect(
        runs.filter((r) => r.status === 'running' || r.status === 'refused'),
        step,
      ).toEqual([]);
    }
    expect((await project.freshet(['checkpoint', 'validate'])).code).toBe(0);
  });
});
