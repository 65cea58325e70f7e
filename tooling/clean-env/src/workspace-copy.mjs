import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A fresh clone of the repository's committed state, as CI gets.
 * @param {string} root
 * @param {string} into
 */
export function cloneCommitted(root, into) {
  execFileSync('git', ['clone', '--quiet', root, into], { stdio: 'inherit' });
}

/**
 * A copy of the files git would commit now (tracked and new, not ignored), so uncommitted work is
 * checked as a fresh clone would see it once committed: no node_modules, no dist, no .tools.
 * @param {string} root
 * @param {string} into
 */
export function copyWorkingTree(root, into) {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    const from = join(root, file);
    if (!existsSync(from)) continue; // deleted but not yet committed
    const to = join(into, file);
    mkdirSync(dirname(to), { recursive: true });
    if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else copyFileSync(from, to);
  }
  // The set-up and the tests read nothing from git, but tools such as biome ask it what is ignored.
  execFileSync('git', ['init', '--quiet'], { cwd: into });
}
