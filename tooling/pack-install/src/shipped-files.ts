import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';

/** Every file under `dir`, relative to it. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

/**
 * The `sources` of an installed package's source maps that name no file of the package: a stack
 * trace through such a map points at a file the user cannot open. One line per miss.
 */
export async function unshippedMapSources(packageDir: string): Promise<string[]> {
  const misses: string[] = [];
  for (const file of await filesUnder(packageDir)) {
    if (!file.endsWith('.js.map')) continue;
    const map = JSON.parse(await readFile(join(packageDir, file), 'utf8')) as { sources: string[] };
    for (const source of map.sources) {
      const target = resolve(packageDir, dirname(file), source);
      const inside = !relative(packageDir, target).startsWith('..');
      if (!inside || !existsSync(target)) misses.push(`${file}: ${source}`);
    }
  }
  return misses;
}

/** Files only the repository's own tests use, which a package must not ship. */
export function testOnlyFiles(files: readonly string[]): string[] {
  return files.filter(
    // `templates/` holds what `freshet new-source` writes, its conformance test included: shipped on purpose.
    (file) =>
      !file.startsWith('templates/') &&
      /\.test(-d)?\.ts$|(^|\/)test-support(\/|\.ts$)|\.snap\.txt$/.test(file),
  );
}

/** The `node_modules/@freshet/…` files the frames of a stack trace name. */
export function freshetFrames(stack: string): string[] {
  return [...stack.matchAll(/\((\/[^()]*node_modules\/@freshet\/[^():]+):\d+:\d+\)/g)].map((m) => m[1]!);
}
