import { isAbsolute, relative } from 'node:path';

/** A path as a user would type it: relative to `cwd` when inside it, absolute otherwise. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
