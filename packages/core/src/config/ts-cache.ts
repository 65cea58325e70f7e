import { createHash, randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * The JavaScript a `.ts` config compiles to, kept between processes: loading the TypeScript
 * compiler costs ~0.4 s, more than most commands. An entry is found by the sha256 of the
 * config's text and the compiler's version, so an edited config never meets an old entry; it
 * is used only when its header names that key and the sha256 of its body, so a torn write or
 * a stray byte reads as a miss, and the entry is written again.
 */

/** Changes when what the loader asks of the compiler changes, so older entries stop matching. */
const FORMAT = 'freshet-ts-cache-v1';

export interface TsCacheSlot {
  dir: string;
  file: string;
  key: string;
  /** Names every entry of this config file: the one to keep and the stale ones to remove. */
  prefix: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where the compiled `content` of `filepath` is kept; null when there is no compiler or no place. */
export async function cacheSlot(filepath: string, content: string): Promise<TsCacheSlot | null> {
  const version = typescriptVersion();
  if (version === null) return null;
  const dir = await cacheDirFor(filepath);
  if (dir === null) return null;
  const key = sha256(`${FORMAT}\0${version}\0${content}`);
  const prefix = sha256(path.resolve(filepath)).slice(0, 16);
  return { dir, key, prefix, file: path.join(dir, `${prefix}-${key}.mjs`) };
}

/** The cached JavaScript, or null when the entry is missing, unreadable or does not check out. */
export async function readCached(slot: TsCacheSlot): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(slot.file, 'utf8');
  } catch {
    return null;
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return null;
  const body = text.slice(newline + 1);
  return text.slice(0, newline) === header(slot.key, body) ? body : null;
}

/**
 * Writes the entry whole (a temporary file renamed into place) and removes this config's older
 * entries. A cache that cannot be written costs the next load a compile, nothing more.
 */
export async function writeCached(slot: TsCacheSlot, body: string): Promise<void> {
  const name = path.basename(slot.file);
  const temp = `${slot.file}.${randomUUID()}.tmp`;
  try {
    await mkdir(slot.dir, { recursive: true });
    await writeFile(temp, `${header(slot.key, body)}\n${body}`);
    await rename(temp, slot.file);
    for (const other of await readdir(slot.dir)) {
      if (other !== name && other.startsWith(`${slot.prefix}-`) && other.endsWith('.mjs')) {
        await rm(path.join(slot.dir, other), { force: true });
      }
    }
  } catch {
    await rm(temp, { force: true }).catch(() => {});
  }
}

function header(key: string, body: string): string {
  return `// ${FORMAT} ${key} ${sha256(body)}`;
}

/** The installed compiler's version, read without loading the compiler. */
function typescriptVersion(): string | null {
  try {
    const { version } = createRequire(import.meta.url)('typescript/package.json') as { version?: unknown };
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

/**
 * `node_modules/.cache/freshet` of the nearest `node_modules` above the config (the project's
 * own, as other tools keep theirs), else a directory of this user's own in the OS temp dir.
 */
async function cacheDirFor(filepath: string): Promise<string | null> {
  for (let dir = path.dirname(path.resolve(filepath)); ; ) {
    const modules = path.join(dir, 'node_modules');
    if ((await lstat(modules).catch(() => null))?.isDirectory())
      return path.join(modules, '.cache', 'freshet');
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return privateTempDir();
}

/**
 * Other users can write to the temp dir: its entries would be code this process runs, so the
 * directory is used only when it is this user's and no one else's (not a link, mode 0700).
 */
async function privateTempDir(): Promise<string | null> {
  const uid = process.getuid?.();
  const dir = path.join(tmpdir(), `freshet-cache-${uid ?? 'user'}`);
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return null;
  }
  const stats = await lstat(dir).catch(() => null);
  if (stats === null || !stats.isDirectory()) return null;
  if (uid !== undefined && (stats.uid !== uid || (stats.mode & 0o077) !== 0)) return null;
  return dir;
}
