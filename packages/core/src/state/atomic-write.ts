import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The steps of an artifact write, in order; a crash can land after any of them. */
export const ARTIFACT_WRITE_STEPS = [
  'pending-recorded',
  'temp-written',
  'temp-synced',
  'renamed',
  'dir-synced',
  'recorded',
] as const;
export type ArtifactWriteStep = (typeof ARTIFACT_WRITE_STEPS)[number];

/** Called after each step; crash tests and the chaos campaign stop the process here. */
export type ArtifactStepHook = (step: ArtifactWriteStep) => void | Promise<void>;

/** `<name>.<pid>.tmp`: the pid says whose temp file it is, for the clean-up at the next start. */
export function tempPathOf(path: string, pid: number): string {
  return `${path}.${pid}.tmp`;
}

/** Temp file, fsync, rename over `path`, fsync the directory (so the rename survives a power cut). */
export async function writeAtomically(path: string, bytes: Buffer, onStep: ArtifactStepHook): Promise<void> {
  const temp = tempPathOf(path, process.pid);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await onStep('temp-written');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await onStep('temp-synced');
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await onStep('renamed');
  await syncDirectory(dirname(path));
  await onStep('dir-synced');
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename stands anyway.
  } finally {
    await handle?.close().catch(() => {});
  }
}

export interface TempCleanupOptions {
  /** Temp files last written before this are left over from an earlier writer. */
  olderThan: Date;
  isAlive?: (pid: number) => boolean;
}

/**
 * Removes `<name>.<pid>.tmp` files that no live writer will rename: the pid is gone, or the
 * file is older than the current run (a reused pid). A live writer's fresh temp file stays.
 */
export async function removeStaleTemps(path: string, options: TempCleanupOptions): Promise<string[]> {
  const isAlive = options.isAlive ?? processIsAlive;
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(/^(\d+)\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (!name.startsWith(prefix) || !Number.isSafeInteger(pid) || pid <= 0) continue;
    const file = join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile()) continue;
    if (isAlive(pid) && info.mtime >= options.olderThan) continue;
    await rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
