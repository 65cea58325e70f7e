import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What a machine without pnpm lacks: pnpm's own commands. */
export const HIDDEN_COMMANDS = new Set(['pnpm', 'pnpx', 'pn', 'pnx']);

/**
 * A folder of links to every command on PATH except pnpm's, to use as the whole PATH: the machine
 * as it is (node, npm, git, apt-get, the services' tools) minus pnpm, which here sits in /usr/bin
 * beside node. Folders a package manager put on PATH (node_modules/.bin, a local pnpm) are left out.
 * The first command of a name wins, as on PATH.
 * @param {string | undefined} path
 * @param {string} into
 * @returns {string} the new PATH
 */
export function shadowPath(path, into) {
  mkdirSync(into, { recursive: true });
  const linked = new Set();
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules') || dir.includes('.tools') || !existsSync(dir)) continue;
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      if (HIDDEN_COMMANDS.has(name) || linked.has(name)) continue;
      linked.add(name);
      symlinkSync(join(dir, name), join(into, name));
    }
  }
  return into;
}

/**
 * The environment of a new user's shell: PATH without pnpm, no npm_config_nodedir (nor any npm or
 * pnpm setting a parent npm/pnpm run exported), a user npmrc of its own without the machine's
 * `nodedir`, and pnpm's side-effects cache off so the native SQLite module is really compiled.
 * @param {NodeJS.ProcessEnv} env
 * @param {{ path: string, npmrc: string }} clean
 * @returns {NodeJS.ProcessEnv}
 */
export function cleanEnv(env, { path, npmrc }) {
  /** @type {NodeJS.ProcessEnv} */
  const result = {};
  for (const [name, value] of Object.entries(env)) {
    if (/^(npm_|pnpm_)/i.test(name) || name === 'PNPM_HOME' || name === 'INIT_CWD') continue;
    result[name] = value;
  }
  return {
    ...result,
    PATH: path,
    npm_config_userconfig: npmrc,
    pnpm_config_side_effects_cache: 'false',
  };
}
