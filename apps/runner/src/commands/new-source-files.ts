import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceNames } from './source-names.js';

/**
 * The package's `templates/new-source/`: two levels above this module in the sources
 * (src/commands/), one above the bundle in the build (dist/); the package ships the folder.
 */
export function newSourceTemplateDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates', 'new-source');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('the runner package has no templates/new-source folder; reinstall it');
    dir = parent;
  }
}

/** The versions of core and the testkit this runner runs with: the scaffold depends on them. */
export function freshetVersions(): { core: string; testkit: string } {
  const load = createRequire(import.meta.url);
  const version = (name: string) => (load(`${name}/package.json`) as { version: string }).version;
  return { core: version('@freshet/core'), testkit: version('@freshet/testkit') };
}

/** npm leaves a package's `.gitignore` out, so the template keeps it under another name. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

/**
 * The scaffold's files, by path relative to the package (`/`-separated), with every
 * placeholder of the templates replaced.
 */
export async function newSourceFiles(
  names: SourceNames,
  versions = freshetVersions(),
  templateDir = newSourceTemplateDir(),
): Promise<Map<string, string>> {
  const tokens: ReadonlyArray<readonly [string, string]> = [
    ['__package__', names.packageName],
    ['__core_version__', versions.core],
    ['__testkit_version__', versions.testkit],
    ['__id__', names.id],
    ['__name__', names.camel],
    ['__Name__', names.pascal],
    ['__NAME__', names.constant],
  ];
  const files = new Map<string, string>();
  for (const path of await listFiles(templateDir)) {
    let text = await readFile(path, 'utf8');
    for (const [token, value] of tokens) text = text.replaceAll(token, value);
    const name = relative(templateDir, path).split(sep).join('/');
    files.set(RENAMED[name] ?? name, text);
  }
  return files;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)])),
  );
  return nested.flat();
}
