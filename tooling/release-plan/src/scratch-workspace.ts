import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repo = fileURLToPath(new URL('../../../', import.meta.url));
const changesetBin = join(
  dirname(createRequire(import.meta.url).resolve('@changesets/cli/package.json')),
  'bin.js',
);

export interface Manifest {
  name: string;
  version?: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface WorkspacePackage {
  name: string;
  /** Folder relative to the repository root ('' for the root). */
  dir: string;
  private: boolean;
}

export async function listWorkspacePackages(): Promise<WorkspacePackage[]> {
  const { stdout } = await run('pnpm', ['-r', 'ls', '--depth', '-1', '--json'], { cwd: repo });
  const rows = JSON.parse(stdout) as Array<{ name: string; path: string; private: boolean }>;
  return rows.map((row) => ({ name: row.name, dir: relative(repo, row.path), private: row.private }));
}

/**
 * A copy of the workspace's manifests and changesets config, without the pending changesets, as
 * a git repository on `main` with one commit: what changesets needs to plan a release.
 */
export async function scratchWorkspace(packages: WorkspacePackage[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'freshet-release-'));
  for (const pkg of packages) {
    await mkdir(join(dir, pkg.dir), { recursive: true });
    await copyFile(join(repo, pkg.dir, 'package.json'), join(dir, pkg.dir, 'package.json'));
  }
  await copyFile(join(repo, 'pnpm-workspace.yaml'), join(dir, 'pnpm-workspace.yaml'));
  await mkdir(join(dir, '.changeset'));
  await copyFile(join(repo, '.changeset', 'config.json'), join(dir, '.changeset', 'config.json'));
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  await git(dir, 'add', '.');
  await git(dir, 'commit', '--quiet', '--message', 'scratch');
  return dir;
}

function git(cwd: string, ...args: string[]) {
  return run('git', ['-c', 'user.name=freshet', '-c', 'user.email=freshet@localhost', ...args], { cwd });
}

/** Adds one changeset and runs the installed `changeset version` on the scratch workspace. */
export async function versionWith(dir: string, bumps: Record<string, 'major' | 'minor' | 'patch'>) {
  const front = Object.entries(bumps).map(([name, type]) => `"${name}": ${type}`);
  await writeFile(join(dir, '.changeset', 'the-change.md'), `---\n${front.join('\n')}\n---\n\nA change.\n`);
  await run(process.execPath, [changesetBin, 'version'], { cwd: dir });
}

export async function readManifest(dir: string, pkg: WorkspacePackage): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, pkg.dir, 'package.json'), 'utf8')) as Manifest;
}
