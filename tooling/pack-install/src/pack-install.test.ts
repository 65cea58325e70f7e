import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startNihSimulator } from '@freshet/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchPackageJson, scratchProgram, scratchTsconfig } from './scratch-project.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = ['core', 'source-nih', 'source-sam-gov', 'source-usaspending', 'source-patentsview'];
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

describe('the npm install path', () => {
  it('packs core and the four sources, installs them outside the workspace, and runs an adapter from TypeScript', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'freshet-pack-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const packs = join(dir, 'packs');
    for (const name of PACKAGES) {
      await run('pnpm', ['pack', '--pack-destination', packs], { cwd: join(repo, 'packages', name) });
    }
    const tarballs = (await readdir(packs)).map((file) => ({
      name: `@freshet/${file.replace(/^freshet-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`,
      path: join(packs, file),
    }));
    expect(tarballs.map((t) => t.name).sort()).toEqual(PACKAGES.map((p) => `@freshet/${p}`).sort());

    const project = join(dir, 'project');
    await run('mkdir', ['-p', project]);
    await writeFile(join(project, 'package.json'), scratchPackageJson(tarballs));
    await writeFile(join(project, 'tsconfig.json'), scratchTsconfig);
    await writeFile(join(project, 'use.ts'), scratchProgram);
    // npm, not pnpm: the way most users install; workspace: ranges must have been rewritten by pack.
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '@types/node@20'], {
      cwd: project,
      timeout: 240_000,
    });

    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project });

    const sim = await startNihSimulator({ seed: 3, weeks: 1, projectsPerWeek: 400, rateLimit: null });
    cleanups.push(() => sim.close());
    const week = sim.weeks()[0]!;
    const { stdout } = await run(process.execPath, ['out/use.js'], {
      cwd: project,
      env: { ...process.env, NIH_BASE_URL: sim.baseUrl, NIH_COHORT: `project_week_${week.isoWeek}` },
    });
    const result = JSON.parse(stdout.trim());
    expect(result.records).toBe(sim.truthApplIds(sim.weekCriteria(0)).length);
    expect(result.records).toBeGreaterThan(0);
    expect(result.factories).toEqual(['function', 'function', 'function']);
  }, 300_000);
});
