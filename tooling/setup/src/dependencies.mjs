import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError, say } from './messages.mjs';

const STAMP = join('node_modules', '.freshet-setup-stamp');

/**
 * The folders of the workspace's packages, from the `packages:` list of pnpm-workspace.yaml
 * (entries are `dir` or `dir/*`, the only forms this repository uses).
 * @param {string} root
 * @returns {string[]}
 */
export function workspacePackageDirs(root) {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const list = /^packages:\s*\n((?:[ \t]+-[^\n]*\n?)+)/m.exec(yaml)?.[1] ?? '';
  const dirs = [];
  for (const line of list.split('\n')) {
    const entry = line
      .replace(/^\s*-\s*/, '')
      .replace(/^['"]|['"]$/g, '')
      .trim();
    if (!entry) continue;
    if (entry.endsWith('/*')) {
      const parent = join(root, entry.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const child of readdirSync(parent, { withFileTypes: true })) {
        if (child.isDirectory()) dirs.push(join(parent, child.name));
      }
    } else {
      dirs.push(join(root, entry));
    }
  }
  return dirs.filter((dir) => existsSync(join(dir, 'package.json'))).sort();
}

/**
 * What an install depends on: the lockfile, the workspace's manifests, the pnpm version and the
 * Node.js ABI (the native SQLite module is built for one). Any change means `pnpm install` runs.
 * @param {string} root
 * @param {string} pnpmVersion
 */
export function installFingerprint(root, pnpmVersion) {
  const hash = createHash('sha256');
  hash.update(
    `pnpm ${pnpmVersion} node-abi ${process.versions.modules} ${process.platform}-${process.arch}\n`,
  );
  const files = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json'].map((file) => join(root, file));
  for (const dir of workspacePackageDirs(root)) files.push(join(dir, 'package.json'));
  for (const file of files) {
    hash.update(`${file.slice(root.length)}\n`);
    hash.update(existsSync(file) ? readFileSync(file) : 'missing');
  }
  return hash.digest('hex');
}

/**
 * Runs `pnpm install --frozen-lockfile` unless the last successful install was for the same
 * fingerprint; the check reads a few small files, so an up-to-date checkout costs milliseconds.
 * @param {{ root: string, pnpmVersion: string, env: NodeJS.ProcessEnv }} options
 * @returns {boolean} whether an install ran
 */
export function installDependenciesIfNeeded({ root, pnpmVersion, env }) {
  const fingerprint = installFingerprint(root, pnpmVersion);
  const stamp = join(root, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === fingerprint) return false;
  say('installing dependencies: pnpm install --frozen-lockfile');
  const result = spawnSync('pnpm', ['install', '--frozen-lockfile'], { cwd: root, env, stdio: 'inherit' });
  if (result.error || result.status !== 0) {
    throw new SetupError(
      `pnpm install --frozen-lockfile failed (${result.error?.message ?? `exit code ${result.status}`}); its messages above name the package. ` +
        'If the lockfile is out of date after a manifest change, run pnpm install and commit pnpm-lock.yaml.',
    );
  }
  writeFileSync(stamp, `${fingerprint}\n`);
  return true;
}
