import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startNihSimulator } from '@freshet/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstalledSim } from './freshet-sim.js';
import { PUBLISHED, packAll, type Tarball } from './packages.js';
import { scratchProgram, scratchTsconfig, traceProgram } from './scratch-project.js';
import { filesUnder, freshetFrames, testOnlyFiles, unshippedMapSources } from './shipped-files.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const cleanups: Array<() => Promise<void>> = [];
let project = '';
let tarballs: Tarball[] = [];

const npm = (args: string[], timeout = 60_000) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, timeout });
const installed = (name: string) => join(project, 'node_modules', name);

// The steps of docs/installing.md: pack every package, then in a fresh npm project outside the
// workspace `npm init -y`, `npm pkg set type=module` and `npm install` of all the tarballs.
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-pack-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  tarballs = await packAll(join(dir, 'packs'));
  project = join(dir, 'project');
  await mkdir(project);
  await npm(['init', '-y']);
  await npm(['pkg', 'set', 'type=module']);
  // npm, not pnpm: the way most users install; workspace: ranges must have been rewritten by pack.
  await npm(['install', ...tarballs.map((t) => t.path), '@types/node@20'], 280_000);
}, 300_000);

afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

describe('the npm install path', () => {
  it('packs every published package', () => {
    const names = PUBLISHED.map((folder) => `@freshet/${folder.split('/')[1]}`);
    expect(tarballs.map((t) => t.name).sort()).toEqual(names.sort());
  });

  it('runs an adapter through core from plain TypeScript', async () => {
    await writeFile(join(project, 'tsconfig.json'), scratchTsconfig);
    await writeFile(join(project, 'use.ts'), scratchProgram);
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
  }, 120_000);

  it('ships the source files its source maps name, and none of the tests', async () => {
    for (const { name } of tarballs) {
      expect(await unshippedMapSources(installed(name)), `${name}: map sources not shipped`).toEqual([]);
      expect(testOnlyFiles(await filesUnder(installed(name))), `${name}: test files shipped`).toEqual([]);
    }
  });

  it('gives stack traces that point at files the installed package holds', async () => {
    await writeFile(join(project, 'trace.mjs'), traceProgram);
    const { stdout } = await run(process.execPath, ['--enable-source-maps', 'trace.mjs'], { cwd: project });
    const frames = freshetFrames(stdout);
    expect(frames.length, stdout).toBeGreaterThan(0);
    for (const file of frames) {
      expect(file).toMatch(/node_modules\/@freshet\/core\/src\/.+\.ts$/);
      expect(existsSync(file), file).toBe(true);
    }
  });

  it('runs the freshet binary: --version, then a run against `freshet sim`', async () => {
    const runner = JSON.parse(await readFile(join(repo, 'apps/runner/package.json'), 'utf8'));
    const { stdout: version } = await run('npx', ['freshet', '--version'], { cwd: project });
    expect(version.trim()).toBe(runner.version);

    const sim = await startInstalledSim(project);
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await sim.stop();
    });
    await mkdir(join(project, 'config'), { recursive: true });
    await writeFile(join(project, 'config', 'freshet.sim.config.ts'), sim.config);
    const { stdout } = await run(
      'npx',
      [
        'freshet',
        '--config',
        'config/freshet.sim.config.ts',
        'run',
        '--source',
        'nih',
        '--window',
        '2024-W01..2024-W01',
        '--json',
      ],
      { cwd: project, timeout: 60_000 },
    );
    const summary = JSON.parse(stdout);
    expect(summary.status, stdout).toBe('succeeded');
    expect(summary.totals).toMatchObject({ complete: 1, failed: 0 });
    expect(summary.totals.written).toBeGreaterThan(0);
    stopped = true;
    expect(await sim.stop()).toBe(0);
  }, 120_000);
});
