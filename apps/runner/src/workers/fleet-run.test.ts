import { setTimeout as sleep } from 'node:timers/promises';
import { memoryLimiterFactory, type ResolvedConfig, silentLogger, systemClock } from '@freshet/core';
import { openSqliteStore } from '@freshet/core/sqlite';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_SCOPE } from '../planner/types.js';
import { executeRun } from '../runs/execute-run.js';
import { testConfig } from '../test-support/config.js';
import { nihLikeSource } from '../test-support/nih-like-source.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { followRun, openFleetRuns } from './follow-runs.js';
import type { PlanWork } from './work-on-plan.js';

const WEEKS = 6;
let sim: NihSimulator;
let project: TempProject;
let config: ResolvedConfig;

beforeAll(async () => {
  sim = await startNihSimulator({
    startDate: '2024-01-01',
    weeks: WEEKS,
    projectsPerWeek: 20,
    rateLimit: null,
  });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.resetStats();
  project = await tempProject();
  config = await testConfig(
    project.dir,
    [
      {
        source: nihLikeSource({ baseUrl: sim.baseUrl, limit: 5, range: `2024-W01..2024-W0${WEEKS}` }),
        // Slow enough that the second worker joins while the leader is still at work.
        quota: { maxConcurrent: 1, requestsPerInterval: 1, intervalMs: 40 },
      },
    ],
    { maxParallelPartitions: 8 },
  );
});
afterEach(async () => {
  await project.dispose();
});

describe('a run shared by workers', () => {
  it('splits the partitions between the leader and a follower: each done once, every record written once', async () => {
    // The follower is another process in a real fleet: its own connection to the store.
    const followerStore = await openSqliteStore({ path: project.storePath });
    const stop = new AbortController();
    const leader = { workerId: 'h1:1:lead', pollMs: 20 };
    const follower = { workerId: 'h2:2:foll', pollMs: 20 };
    const following = (async (): Promise<PlanWork> => {
      for (;;) {
        const [open] = await openFleetRuns(followerStore);
        if (open) {
          return followRun(open.run, open.plan, {
            store: followerStore,
            config,
            clock: systemClock,
            logger: silentLogger,
            role: follower,
            limiters: memoryLimiterFactory(),
            stopSignal: stop.signal,
          });
        }
        await sleep(10);
      }
    })();

    const summary = await executeRun({
      store: project.store,
      config,
      trigger: 'manual',
      scope: EMPTY_SCOPE,
      clock: systemClock,
      fleet: leader,
    });
    const followed = await following;
    await followerStore.close();

    expect(summary.status).toBe('succeeded');
    expect(summary.totals).toMatchObject({ complete: WEEKS, failed: 0, locked: 0, interrupted: 0 });
    const byFollower = followed.results.map((r) => r.partitionKey);
    expect(byFollower.length).toBeGreaterThan(0);
    expect(byFollower.length).toBeLessThan(WEEKS);
    expect(followed.results.every((r) => r.outcome === 'complete')).toBe(true);
    // No partition was worked on by both: every request the API saw is in one checkpoint's
    // count, and every record was written once.
    const checkpoints = await project.store.listCheckpoints({ source: 'nih' });
    const calls = checkpoints.reduce((sum, c) => sum + c.counts.apiCalls, 0);
    expect(sim.stats().requests).toBe(calls);
    expect(checkpoints.every((c) => c.attempt === 1 && c.runId === summary.runId)).toBe(true);
    expect(await project.store.countRecords({ source: 'nih' })).toBe(sim.size);
    for await (const key of project.store.recordKeys('nih')) {
      expect((await project.store.getRecord('nih', key))?.revision, key).toBe(1);
    }
    const run = await project.store.getRun(summary.runId);
    expect(run?.metadata).toMatchObject({ fleet: { leader: leader.workerId } });
  });
});
