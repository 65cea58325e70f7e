import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { ErrorCodes } from '../errors.js';
import { openSqliteStore } from '../sqlite.js';
import type { Store } from '../store/types.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { ARTIFACT_WRITE_STEPS, type ArtifactWriteStep } from './atomic-write.js';
import { PENDING_ARTIFACT_META_KEY } from './pending-artifact.js';
import { recoverStateArtifact } from './recover-artifact.js';
import { reconcileStateArtifact, validateStateArtifact, writeStateArtifact } from './state-artifact.js';

const dir = tempDirPerTest('freshet-recover-');
let path: string;
let store: Store;
let nowMs = Date.parse('2025-03-01T02:00:00Z');
const clock: Clock = { now: () => new Date(nowMs), sleep: async () => {} };

class Crash extends Error {}
const crashAt = (at: ArtifactWriteStep) => (step: ArtifactWriteStep) => {
  if (step === at) throw new Crash(`crashed after ${step}`);
};

async function commitSomething(key: string): Promise<void> {
  await store.upsertRecords({
    source: 'nih',
    partitionKey: 'nih:project_week_2025-W09',
    records: [{ key, json: JSON.stringify(key), hash: key }],
    at: new Date(nowMs),
  });
  nowMs += 60_000;
}

/** What the next run does first: recover, as a process started after the crash. */
const nextStart = () => recoverStateArtifact({ store, path, olderThan: new Date(Date.now() + 60_000) });
const temps = async () => (await readdir(join(dir(), 'state'))).filter((f) => f.endsWith('.tmp'));

beforeEach(async () => {
  path = join(dir(), 'state', 'enrichment_refresh_state.json');
  store = await openSqliteStore({ path: join(dir(), 'freshet.sqlite') });
});
afterEach(async () => {
  await store.close();
});

describe('a crash while the state artifact is written', () => {
  for (const step of ARTIFACT_WRITE_STEPS) {
    it(`after "${step}": the next start goes on with no manual step, keeping the file that landed`, async () => {
      await commitSomething('a');
      await writeStateArtifact({ store, path, runId: 'run-1', clock });
      await commitSomething('b');
      await expect(
        writeStateArtifact({ store, path, runId: 'run-2', clock, onStep: crashAt(step) }),
      ).rejects.toBeInstanceOf(Crash);

      const landed = ARTIFACT_WRITE_STEPS.indexOf(step) >= ARTIFACT_WRITE_STEPS.indexOf('renamed');
      const recovery = await nextStart();
      expect(recovery.pending).toBe(step === 'recorded' ? 'none' : landed ? 'confirmed' : 'rolled-back');
      expect(await temps()).toEqual([]);
      expect(await store.getMeta(PENDING_ARTIFACT_META_KEY)).toBeNull();
      const validation = await validateStateArtifact(store, path);
      expect(validation).toMatchObject({
        status: 'valid',
        artifact: { runId: landed ? 'run-2' : 'run-1' },
      });
      expect((await store.latestArtifact())?.runId).toBe(landed ? 'run-2' : 'run-1');
      await commitSomething('c');
      await writeStateArtifact({ store, path, runId: 'run-3', clock });
      expect(await validateStateArtifact(store, path)).toMatchObject({ artifact: { runId: 'run-3' } });
    });
  }

  it('on the very first write: the next start finds the artifact absent or written, never refused', async () => {
    for (const step of ARTIFACT_WRITE_STEPS.slice(0, 3)) {
      await expect(
        writeStateArtifact({ store, path, runId: 'run-1', clock, onStep: crashAt(step) }),
      ).rejects.toBeInstanceOf(Crash);
      expect((await nextStart()).pending).toBe('rolled-back');
      expect(await validateStateArtifact(store, path)).toEqual({ status: 'absent' });
    }
    await expect(
      writeStateArtifact({ store, path, runId: 'run-1', clock, onStep: crashAt('renamed') }),
    ).rejects.toBeInstanceOf(Crash);
    expect((await nextStart()).pending).toBe('confirmed');
    expect(await validateStateArtifact(store, path)).toMatchObject({ artifact: { runId: 'run-1' } });
  });

  it('counts as written for a read-only check before the next start, without writing to the store', async () => {
    await commitSomething('a');
    await expect(
      writeStateArtifact({ store, path, runId: 'run-1', clock, onStep: crashAt('dir-synced') }),
    ).rejects.toBeInstanceOf(Crash);
    expect(await validateStateArtifact(store, path)).toMatchObject({ artifact: { runId: 'run-1' } });
    expect(await store.latestArtifact()).toBeNull();
    expect(await store.getMeta(PENDING_ARTIFACT_META_KEY)).not.toBeNull();
  });

  it('still refuses a file edited by hand or brought from another store, and keeps it', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    await commitSomething('b');
    await expect(
      writeStateArtifact({ store, path, runId: 'run-2', clock, onStep: crashAt('renamed') }),
    ).rejects.toBeInstanceOf(Crash);
    const text = await readFile(path, 'utf8');
    const edited = text.replace('"runId": "run-2"', '"runId": "run-2b"');
    await writeFile(path, edited);

    expect((await nextStart()).pending).toBe('unresolved');
    const error = await validateStateArtifact(store, path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCodes.CHECKPOINT_MISMATCH });
    expect((error as Error).message).toContain('freshet checkpoint reconcile');
    expect(await readFile(path, 'utf8')).toBe(edited);
    expect(await store.getMeta(PENDING_ARTIFACT_META_KEY)).not.toBeNull();

    // Reconcile settles it: the note gives way to the rebuilt artifact.
    await reconcileStateArtifact({ store, path, clock });
    expect((await nextStart()).pending).toBe('none');
    expect(await validateStateArtifact(store, path)).toMatchObject({ status: 'valid' });
  });

  it('refuses a missing file even with a note pending', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    await expect(
      writeStateArtifact({ store, path, runId: 'run-2', clock, onStep: crashAt('pending-recorded') }),
    ).rejects.toBeInstanceOf(Crash);
    await rm(path);
    expect((await nextStart()).pending).toBe('unresolved');
    await expect(validateStateArtifact(store, path)).rejects.toMatchObject({
      code: ErrorCodes.CHECKPOINT_MISMATCH,
      message: expect.stringMatching(/is missing/),
    });
  });
});

describe('temp files left by dead writers', () => {
  it('are removed at the next start; a live writer’s fresh temp file and other files stay', async () => {
    await mkdir(join(dir(), 'state'), { recursive: true });
    const dead = `${path}.999991.tmp`;
    const live = `${path}.999992.tmp`;
    const liveButOld = `${path}.999993.tmp`;
    const other = `${path}.notes.tmp`;
    for (const file of [dead, live, liveButOld, other]) await writeFile(file, '{}');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(liveButOld, old, old);
    const removed = await recoverStateArtifact({
      store,
      path,
      olderThan: new Date(Date.now() - 60_000),
      isAlive: (pid) => pid !== 999991,
    });
    expect(removed.removedTemps.sort()).toEqual([dead, liveButOld].sort());
    expect((await temps()).sort()).toEqual(
      [live, other].map((f) => f.slice(join(dir(), 'state').length + 1)).sort(),
    );
  });
});

describe('a directory where the state artifact should be', () => {
  it('is refused by validation and by reconcile with an error naming the path, and is left alone', async () => {
    await commitSomething('a');
    await mkdir(path, { recursive: true });
    await expect(validateStateArtifact(store, path)).rejects.toMatchObject({
      code: ErrorCodes.STATE_INVALID,
      message: expect.stringContaining(`${path} is a directory, not the state artifact file; move it away`),
    });
    const error = await reconcileStateArtifact({ store, path, clock }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCodes.STATE_INVALID });
    expect((error as Error).message).toContain(`${path} is a directory`);
    expect((error as Error).message).not.toContain('EISDIR');
    expect((await stat(path)).isDirectory()).toBe(true);
  });
});

describe('an artifact that does not match a new or replaced store', () => {
  it('says the store looks empty and to restore it, not to reconcile it into the empty store', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    await store.close();
    await rm(join(dir(), 'freshet.sqlite'));
    store = await openSqliteStore({ path: join(dir(), 'freshet.sqlite') });
    const error = (await validateStateArtifact(store, path).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: ErrorCodes.CHECKPOINT_MISMATCH });
    expect(error.message).toContain('not written by this store');
    expect(error.message).toContain('looks new or replaced');
    expect(error.message).toContain('restore it from a backup');
    expect(error.message).toContain('only if you mean to start over');
    expect(error.message).not.toContain('to rebuild it from the store');
  });
});
