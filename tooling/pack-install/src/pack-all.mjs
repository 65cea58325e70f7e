#!/usr/bin/env node
// Packs every package Freshet publishes (the workspace packages under packages/ and apps/ that
// are not private) with `pnpm pack`, one tarball each, into the folder given (default
// `tarballs/`). `pnpm pack` rewrites the `workspace:` ranges, so the tarballs install anywhere.
// The root script `npm run tarballs` builds the packages first and runs this.
//
//   node tooling/pack-install/src/pack-all.mjs [destination]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** The folders, relative to the repository, of the packages that are published. */
function publishedFolders() {
  return ['packages', 'apps'].flatMap((parent) =>
    readdirSync(join(repo, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(repo, parent, entry.name, 'package.json')))
      .map((entry) => `${parent}/${entry.name}`)
      .filter(
        (folder) => JSON.parse(readFileSync(join(repo, folder, 'package.json'), 'utf8')).private !== true,
      ),
  );
}

const destination = resolve(process.argv[2] ?? join(repo, 'tarballs'));
mkdirSync(destination, { recursive: true });
for (const folder of publishedFolders()) {
  if (!existsSync(join(repo, folder, 'dist'))) {
    console.error(`error: ${folder} has no dist/: build it first (npm run tarballs builds then packs)`);
    process.exit(1);
  }
  execFileSync('pnpm', ['pack', '--pack-destination', destination], {
    cwd: join(repo, folder),
    stdio: 'ignore',
  });
}
for (const file of readdirSync(destination)
  .filter((f) => f.endsWith('.tgz'))
  .sort()) {
  console.log(join(destination, file));
}
