import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Every package Freshet publishes, by folder: the libraries and the runner (bin `freshet`). */
export const PUBLISHED = [
  'packages/core',
  'packages/limiter-redis',
  'packages/source-nih',
  'packages/source-patentsview',
  'packages/source-sam-gov',
  'packages/source-usaspending',
  'packages/store-postgres',
  'packages/testkit',
  'apps/runner',
] as const;

export interface Tarball {
  /** The npm name, `@freshet/core`. */
  name: string;
  path: string;
}

/** The tarballs `pack-all.mjs` makes in `dest`, the way docs/installing.md says to make them. */
export async function packAll(dest: string): Promise<Tarball[]> {
  const script = fileURLToPath(new URL('./pack-all.mjs', import.meta.url));
  const { stdout } = await run(process.execPath, [script, dest]);
  return stdout
    .trim()
    .split('\n')
    .map((path) => ({
      name: `@freshet/${basename(path)
        .replace(/^freshet-/, '')
        .replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`,
      path,
    }));
}
