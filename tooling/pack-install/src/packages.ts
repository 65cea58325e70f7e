import { execFile } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
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

/** `pnpm pack` in each published package, as docs/installing.md says: one tarball each in `dest`. */
export async function packAll(repo: string, dest: string): Promise<Tarball[]> {
  await mkdir(dest, { recursive: true });
  for (const folder of PUBLISHED) {
    await run('pnpm', ['pack', '--pack-destination', dest], { cwd: join(repo, folder) });
  }
  return (await readdir(dest)).map((file) => ({
    name: `@freshet/${file.replace(/^freshet-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`,
    path: join(dest, file),
  }));
}
