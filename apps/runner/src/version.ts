import { readFileSync } from 'node:fs';

let version: string | undefined;

/**
 * The runner's version, from its package.json: one directory up from this module, both in the
 * sources (src/) and in the build, which bundles every module flat into dist/.
 */
export function runnerVersion(): string {
  if (version === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    version = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  }
  return version;
}
