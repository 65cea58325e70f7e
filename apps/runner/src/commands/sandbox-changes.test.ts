import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordChange, readChanges } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayGenerationKeys } from '../sandbox/generation.js';
import { SANDBOX_SEED } from '../sandbox/open-sandbox.js';
import { DEFAULT_COMPANIONS } from '../simulators/companions.js';
import { startSimulatorSet } from '../simulators/simulator-set.js';
import { cli } from '../test-support/cli.js';
import type { ChangeLine } from '../views/change-line.js';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'freshet-sandbox-changes-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const STORE = 'data/sandbox/freshet.sqlite';
const RUN_ID =
  /^changes of this run: `freshet changes --run (\S+) --store (\S+)` \(JSON Lines\), or \/api\/runs\/(\S+)\/changes in the web UI/m;

/** The top-level fields whose values differ between two payloads, worked out here on its own. */
function differingFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => JSON.stringify(before[n]) !== JSON.stringify(after[n])).sort();
}

describe('the sandbox’s change feed', () => {
  it('a second cycle’s changes are exactly the records the simulators changed, with the fields that changed', async () => {
    const first = await cli(['sandbox'], { cwd });
    expect(first.code).toBe(0);
    // The first cycle has no earlier one to compare with: it says nothing of changes.
    expect(first.stdout).not.toMatch(RUN_ID);
    const second = await cli(['sandbox'], { cwd });
    expect(second.code).toBe(0);
    const printed = RUN_ID.exec(second.stdout);
    expect(printed, second.stdout).not.toBeNull();
    const [, runId, storePath, apiRunId] = printed!;
    expect(storePath).toBe(STORE);
    expect(decodeURIComponent(apiRunId!)).toBe(runId);

    // What generation 1 changed upstream, replayed on simulators of the same seed.
    const sims = await startSimulatorSet(DEFAULT_COMPANIONS, {
      kind: 'sandbox',
      seed: SANDBOX_SEED,
      speedup: 20,
    });
    const changedUpstream = replayGenerationKeys(sims, 1);
    await sims.close();

    const store = await openSqliteStore({ path: join(cwd, STORE) });
    try {
      const feed: RecordChange[] = [];
      for await (const change of readChanges(store, { runId: runId! })) feed.push(change);
      // Only usaspending (SLA 1d) is due a day later; the others are fresh and not asked.
      const refetched = new Set(feed.map((c) => c.source));
      expect([...refetched]).toEqual(['usaspending']);
      const expected = changedUpstream.get('usaspending')!.map(String).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(feed.map((c) => c.key).sort()).toEqual(expected);
      for (const change of feed) {
        expect(change.kind, change.key).toBe('changed');
        const [previous] = await store.listRevisions(change.source, change.key);
        const current = await store.getRecord(change.source, change.key);
        expect(previous?.revision).toBe(change.revision - 1);
        expect(current?.revision).toBe(change.revision);
        const fields = differingFields(
          previous!.payload as Record<string, unknown>,
          current!.payload as Record<string, unknown>,
        );
        expect(change.changedFields, change.key).toEqual({ added: [], removed: [], modified: fields });
        // A modification changes the award's amount, as the simulator's mutate does.
        expect(
          fields.some((f) => /amount/i.test(f)),
          fields.join(', '),
        ).toBe(true);
      }

      // The first cycle created every record it wrote (394, as its summary says), nothing else.
      const firstRun = (await store.listRuns()).find((r) => r.id !== runId)!;
      const created: RecordChange['kind'][] = [];
      for await (const change of readChanges(store, { runId: firstRun.id })) created.push(change.kind);
      expect(created).toHaveLength(394);
      expect(new Set(created)).toEqual(new Set(['created']));

      // The line printed works: the CLI reads the same feed from the sandbox's store.
      const cliFeed = await cli(['changes', '--run', runId!, '--store', STORE], { cwd });
      expect(cliFeed.code).toBe(0);
      const lines = cliFeed.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as ChangeLine);
      expect(lines.map((l) => l.key)).toEqual(feed.map((c) => c.key));
    } finally {
      await store.close();
    }
  }, 60_000);
});
