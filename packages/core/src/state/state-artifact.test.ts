import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { emptyCounts } from '../engine/types.js';
import { ErrorCodes } from '../errors.js';
import { openSqliteStore } from '../sqlite.js';
import type { Store } from '../store/types.js';
import { tempDirPerTest } from '../test-support/temp-dir.js';
import { reconcileStateArtifact, validateStateArtifact, writeStateArtifact } from './state-artifact.js';

const dir = tempDirPerTest('freshet-state-');
let path: string;
let store: Store;
let nowMs = Date.parse('2025-03-01T02:00:00Z');
const clock: Clock = { now: () => new Date(nowMs), sleep: async () => {} };

async function commitSomething(key: string): Promise<void> {
  const at = new Date(nowMs);
  await store.upsertRecords({
    source: 'nih',
    partitionKey: 'nih:project_week_2025-W09',
    records: [{ key, json: JSON.stringify(key), hash: key }],
    at,
  });
  await store.saveCheckpoint({
    partitionKey: 'nih:project_week_2025-W09',
    source: 'nih',
    cohort: 'project_week_2025-W09',
    status: 'complete',
    cursor: { offset: 500 },
    attempt: 1,
    counts: { ...emptyCounts(), slices: 1, written: 1, apiCalls: 1 },
    runId: 'run-1',
    startedAt: at,
    updatedAt: at,
    completedAt: at,
    lastCompleteAt: at,
    durationMs: 1234,
    error: null,
  });
  nowMs += 60_000;
}

beforeEach(async () => {
  path = join(dir(), 'state', 'enrichment_refresh_state.json');
  store = await openSqliteStore({ path: join(dir(), 'freshet.sqlite') });
});
afterEach(async () => {
  await store.close();
});

const expectRefusal = async (code: string, text: RegExp) => {
  const error = await validateStateArtifact(store, path).catch((e: unknown) => e);
  expect(error).toMatchObject({ code });
  expect((error as Error).message).toMatch(text);
  expect((error as Error).message).toContain('freshet checkpoint reconcile');
};

describe('the state artifact', () => {
  it('is absent before the first run, then written atomically with cursors, counts and durations', async () => {
    expect(await validateStateArtifact(store, path)).toEqual({ status: 'absent' });
    await commitSomething('a');
    const artifact = await writeStateArtifact({ store, path, runId: 'run-1', clock });
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    expect(onDisk).toEqual(artifact);
    expect(onDisk).toMatchObject({ formatVersion: 1, runId: 'run-1', ledgerWatermark: { entries: 1 } });
    expect(onDisk.partitions['nih:project_week_2025-W09']).toMatchObject({
      cursor: { offset: 500 },
      counts: { written: 1 },
      durationMs: 1234,
    });
    expect((await readdir(join(dir(), 'state'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await validateStateArtifact(store, path)).toMatchObject({ status: 'valid' });
  });

  it('stays valid after a failed run moved the ledger on, and is replaced by the next success', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    await commitSomething('b');
    expect(await validateStateArtifact(store, path)).toMatchObject({ status: 'valid' });
    await writeStateArtifact({ store, path, runId: 'run-2', clock });
    expect(JSON.parse(await readFile(path, 'utf8')).ledgerWatermark.entries).toBe(2);
  });

  it('refuses an unreadable file', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    await writeFile(path, '{"formatVersion": 1, "runId": "run-1", ');
    await expectRefusal(ErrorCodes.STATE_INVALID, /not valid JSON/);
  });

  it('refuses another format version', async () => {
    await writeFile(join(dir(), 'x'), '');
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    const artifact = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...artifact, formatVersion: 2 }));
    await expectRefusal(ErrorCodes.STATE_INVALID, /format version 2; this Freshet reads version 1/);
  });

  it('refuses a watermark timestamp that does not match the ledger', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    const artifact = JSON.parse(await readFile(path, 'utf8'));
    artifact.ledgerWatermark.at = '2025-03-01T09:00:00.000Z';
    await writeFile(path, JSON.stringify(artifact));
    await expectRefusal(
      ErrorCodes.CHECKPOINT_MISMATCH,
      /ledger watermark was commit \d+ at 2025-03-01T09:00:00.000Z/,
    );
  });

  it('refuses a hand-edited file, an artifact from another store, and a missing file', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"durationMs": 1234', '"durationMs": 1'));
    await expectRefusal(ErrorCodes.CHECKPOINT_MISMATCH, /changed after it was written/);

    await store.close();
    await rm(join(dir(), 'freshet.sqlite'));
    store = await openSqliteStore({ path: join(dir(), 'freshet.sqlite') });
    await writeFile(path, text);
    await expectRefusal(ErrorCodes.CHECKPOINT_MISMATCH, /not written by this store/);
    // And it is never overwritten silently.
    await expect(writeStateArtifact({ store, path, runId: 'run-9', clock })).rejects.toMatchObject({
      code: ErrorCodes.CHECKPOINT_MISMATCH,
    });
    expect(await readFile(path, 'utf8')).toBe(text);
  });

  it('refuses when the file is gone but the store wrote one', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    await rm(path);
    await expectRefusal(ErrorCodes.CHECKPOINT_MISMATCH, /is missing/);
  });

  it('reconciles from the store, keeping the refused file beside it', async () => {
    await commitSomething('a');
    await writeStateArtifact({ store, path, runId: 'run-1', clock });
    await writeFile(path, 'garbage');
    const { backupPath, artifact } = await reconcileStateArtifact({ store, path, clock });
    expect(backupPath).not.toBeNull();
    expect(await readFile(backupPath!, 'utf8')).toBe('garbage');
    expect(artifact.partitions['nih:project_week_2025-W09']?.cursor).toEqual({ offset: 500 });
    expect(await validateStateArtifact(store, path)).toMatchObject({ status: 'valid' });
  });
});
