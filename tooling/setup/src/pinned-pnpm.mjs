import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SetupError, say } from './messages.mjs';

/**
 * The pnpm version the repository pins in package.json `packageManager` (`pnpm@12.4.2`, an optional
 * `+sha512.…` integrity suffix ignored).
 * @param {string} root
 * @returns {string}
 */
export function pinnedPnpmVersion(root) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+[^+]*)/.exec(manifest.packageManager ?? '');
  if (!match?.[1]) {
    throw new SetupError(
      `package.json has no "packageManager": "pnpm@<version>" (found ${JSON.stringify(manifest.packageManager)}); add the pnpm version the lockfile was made with`,
    );
  }
  return match[1];
}

/**
 * Where the repository keeps its own copy of pnpm: a git-ignored folder, one per version, so a
 * version bump in package.json brings the new pnpm without touching the machine's global one.
 * @param {string} root
 * @param {string} version
 */
export function localPnpmPrefix(root, version) {
  return join(root, '.tools', `pnpm-${version}`);
}

/**
 * The folder holding a `pnpm` of the pinned version, to put first on PATH: the one that started
 * this process, the repository's own copy, or the one on PATH; otherwise the pinned version is
 * installed into the repository's own folder with npm.
 * @param {{ root: string, version: string, env: NodeJS.ProcessEnv }} options
 * @returns {string | undefined} a folder to put first on PATH, or undefined when PATH already has it
 */
export function findOrInstallPnpm({ root, version, env }) {
  // `pnpm start` / `pnpm test` of the right version: nothing to do.
  if ((env.npm_config_user_agent ?? '').startsWith(`pnpm/${version} `)) return undefined;
  const prefix = localPnpmPrefix(root, version);
  const localBin = join(prefix, 'bin');
  if (existsSync(join(localBin, 'pnpm'))) return localBin;
  if (pnpmVersionOnPath(env) === version) return undefined;
  installPnpm(root, prefix, version, env);
  return localBin;
}

/** @param {NodeJS.ProcessEnv} env */
function pnpmVersionOnPath(env) {
  const result = spawnSync('pnpm', ['--version'], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * npm's global layout under a prefix of our own gives `<prefix>/bin/pnpm` with pnpm's native binary
 * linked by its own install script. It goes to a side folder first and is renamed into place, so an
 * interrupted install never leaves a half-installed pnpm that looks usable.
 * @param {string} root
 * @param {string} prefix
 * @param {string} version
 * @param {NodeJS.ProcessEnv} env
 */
function installPnpm(root, prefix, version, env) {
  const partial = `${prefix}.partial`;
  rmSync(partial, { recursive: true, force: true });
  say(
    `installing pnpm ${version} into ${relative(root, prefix)} (once; the machine's global packages are left alone)`,
  );
  // npm's warnings here (pnpm's install script) are about npm's own future, not this install.
  const args = [
    'install',
    '--global',
    '--prefix',
    partial,
    '--loglevel=error',
    '--no-fund',
    '--no-audit',
    `pnpm@${version}`,
  ];
  const result = spawnSync('npm', args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error || result.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    const why = result.error ? result.error.message : `npm exited with code ${result.status}`;
    throw new SetupError(
      `could not install pnpm ${version} (${why}); check that npm (it comes with Node.js) reaches the npm registry, or install pnpm ${version} yourself: npm install --global pnpm@${version}`,
    );
  }
  rmSync(prefix, { recursive: true, force: true });
  renameSync(partial, prefix);
}
