import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The install prefix of the running Node.js when its C headers sit beside it
 * (`<prefix>/include/node`, as Debian's nodejs and the nodejs.org tarballs lay them out).
 * @param {string} execPath
 * @returns {string | undefined}
 */
export function nodeHeadersPrefix(execPath) {
  const prefix = dirname(dirname(execPath));
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

/**
 * better-sqlite3 is compiled from source when no prebuilt binary can be downloaded; node-gyp then
 * needs Node's headers, and without `npm_config_nodedir` it downloads them and, offline, fails with
 * a message blaming the network. pnpm reads the setting only from the environment.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} execPath
 * @returns {{ env: NodeJS.ProcessEnv, notice?: string }}
 */
export function withNodeHeaders(env, execPath) {
  if (env.npm_config_nodedir) return { env };
  const prefix = nodeHeadersPrefix(execPath);
  if (prefix) return { env: { ...env, npm_config_nodedir: prefix } };
  return {
    env,
    notice:
      `Node's headers are not beside ${execPath} (no ${join(dirname(dirname(execPath)), 'include', 'node')}): ` +
      'if the native SQLite module has to be compiled, node-gyp will download them. Offline, install a Node.js ' +
      'that ships its headers, or set npm_config_nodedir to the folder holding include/node.',
  };
}
