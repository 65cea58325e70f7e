import { readFile, writeFile } from 'node:fs/promises';
import { type ResolvedConfig, reconcileStateArtifact } from '@freshet/core';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reportAssetEvent } from '../assets/report.js';
import { EMPTY_SCOPE, type RunScope } from '../planner/types.js';
import { type ManualClock, manualClock } from '../test-support/clock.js';
import { testConfig } from '../test-support/config.js';
import { nihLikeSource } from '../test-support/nih-like-source.js';
import { weekSource } from '../test-support/sources.js';
import { type TempProject, tempProject } from '../test-support/store.js';
import { type ExecuteRunOptions, executeRun } from './execute-run.js';
import { acquireRunLock } from './run-lock.js';

let sim: NihSimulator;
let project: TempProject;
let config: ResolvedConfig;
let clock: ManualClock;
const day = 86_400_000;
const weeks = ['2024-W01', '2024-W02', '2024-W03'].map((w) => `nih:project_week_${w}`);

beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 3, projectsPerWeek: 25, rateLimit: null });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  sim.setFaults(null);
  project = await tempProject();
  clock = manualClock('2025-03-20T12:00:00Z');
  config = await testConfig(project.dir, [{ source: nihLikeSource({ baseUrl: sim.baseUrl }) }]);
});
afterEach(async () => {
  await project.dispose();
});

const run = (patch: Partial<Omit<ExecuteRunOptions, 'scope'>> & { scope?: Partial<RunScope> } = {}) =>
  executeRun({
    store: project.store,
    config,
    trigger: 'manual',
    clock,
    ...patch,
    scope: { ...EMPTY_SCOPE, ...patch.scope },
  });

describe('executeRun', () => {
  it('runs every never-run partition, stores results with the SLA gaps closed, and writes the state artifact', async () => {
    const summary = await run();
    expect(summary.status).toBe('succeeded');
    expect(summary.plan?.entries.map((e) => [e.partitionKey, e.reason])).toEqual(
      weeks.map((w) => [w, 'never_run']),
    );
    expect(summary.partitions.map((p) => [p.partitionKey, p.status])).toEqual(
      weeks.map((w) => [w, 'complete']),
    );
    expect(summary.totals).toMatchObject({
      complete: 3,
      failed: 0,
      written: sim.size,
      apiCalls: expect.any(Number),
    });
    expect(summary.slaGapsClosed.map((g) => [g.partitionKey, g.reason, g.staleRecordsAfter])).toEqual(
      weeks.map((w) => [w, 'never_run', 0]),
    );

    const row = await project.store.getRun(summary.runId);
    expect(row).toMatchObject({ status: 'succeeded', trigger: 'manual', finishedAt: expect.any(Date) });
    expect(row?.metadata).toMatchObject({
      sensor: { status: 'waiting' },
      slaGapsClosed: expect.arrayContaining([expect.objectContaining({ partitionKey: weeks[0] })]),
      artifact: { path: config.state.path },
    });
    const partitions = await project.store.listRunPartitions(summary.runId);
    expect(partitions[0]).toMatchObject({ status: 'complete', counts: { slices: expect.any(Number) } });
    expect(partitions[0]?.slaGapClosed).toMatchObject({ reason: 'never_run', breachedSince: null });

    const artifact = JSON.parse(await readFile(config.state.path, 'utf8'));
    expect(artifact.runId).toBe(summary.runId);
    expect(Object.keys(artifact.partitions)).toEqual(weeks);
    expect(await project.store.listLeases(clock.now())).toEqual([]);
  });

  it('skips fresh partitions unless forced, and refreshes SLA-breached ones first', async () => {
    await run();
    const again = await run();
    expect(again.status).toBe('succeeded');
    expect(again.plan?.totals).toMatchObject({ run: 0, skipped: 3 });
    expect(again.partitions).toEqual([]);
    // The run's totals count the partitions its plan skipped, as the plan does.
    expect(again.totals).toMatchObject({ complete: 0, skipped: 3, failed: 0 });
    expect((await project.store.getRun(again.runId))?.metadata).toMatchObject({
      totals: { complete: 0, skipped: 3 },
    });

    const forced = await run({ scope: { force: true, partitions: [weeks[0]!] } });
    expect(forced.partitions.map((p) => p.status)).toEqual(['complete']);
    expect(forced.totals.unchanged).toBeGreaterThan(0);
    expect(forced.slaGapsClosed).toEqual([]);

    clock.advance(8 * day);
    const breached = await run({ scope: { partitions: [weeks[1]!] } });
    expect(breached.plan?.entries[0]).toMatchObject({ reason: 'sla_breached', refresh: true });
    expect(breached.slaGapsClosed).toEqual([
      expect.objectContaining({
        partitionKey: weeks[1],
        reason: 'expired',
        breachedSince: expect.stringMatching(/^2025-03-27T12:00:00/),
        staleRecordsAfter: 0,
      }),
    ]);
    expect(breached.slaGapsClosed[0]?.staleRecordsBefore).toBeGreaterThan(0);
  });

  it('keeps a failed partition’s cursor, writes no artifact, and resumes it next run', async () => {
    config = await testConfig(project.dir, [
      { source: nihLikeSource({ baseUrl: sim.baseUrl }), quota: { retry: { maxAttempts: 1 } } },
    ]);
    sim.setFaults({ rate: 0.35, kinds: ['http500'], seed: 7 });
    const failed = await run({ scope: { partitions: [weeks[0]!] } });
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain(weeks[0]);
    expect(failed.artifact).toBeNull();
    await expect(readFile(config.state.path)).rejects.toThrow();

    sim.setFaults(null);
    const resumed = await run({ scope: { partitions: [weeks[0]!] } });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.plan?.entries[0]).toMatchObject({ reason: 'resumable' });
    expect(resumed.slaGapsClosed[0]).toMatchObject({ reason: 'never_completed' });
    expect(await project.store.countRecords({ partitionKey: weeks[0] })).toBe(
      sim.count({ award_notice_date: { from_date: '2024-01-01', to_date: '2024-01-07' } }),
    );
  });

  it('refuses a manual run while the sensor is paused, unless told to override', async () => {
    await reportAssetEvent(
      project.store,
      { asset: 'bulk_enrichment', status: 'failure', message: 'oom' },
      clock,
    );
    const refused = await run();
    expect(refused.status).toBe('refused');
    expect(refused.refusal).toEqual({
      code: 'SENSOR_PAUSED',
      message: expect.stringContaining('upstream asset bulk_enrichment failed: oom'),
    });
    expect(refused.refusal?.message).toContain('--force');
    expect((await project.store.getRun(refused.runId))?.status).toBe('refused');

    const overridden = await run({ overridePause: true, scope: { partitions: [weeks[0]!] } });
    expect(overridden.status).toBe('succeeded');
    expect(overridden.pauseOverride).toEqual({ status: 'paused', reason: expect.stringContaining('oom') });
    expect((await project.store.getRun(overridden.runId))?.metadata).toMatchObject({
      pauseOverride: { status: 'paused' },
    });
  });

  it('lets schedule and sensor runs start only while the sensor is active', async () => {
    const refused = await run({ trigger: 'schedule', runKey: 'schedule:2025-03-20T02:00:00.000Z' });
    expect(refused.refusal?.code).toBe('SENSOR_NOT_ACTIVE');
    await reportAssetEvent(project.store, { asset: 'bulk_enrichment', status: 'success' }, clock);
    const ok = await run({ trigger: 'sensor', runKey: 'sensor:1', scope: { partitions: [weeks[0]!] } });
    expect(ok.status).toBe('succeeded');
  });

  it('starts a run key once', async () => {
    await reportAssetEvent(project.store, { asset: 'bulk_enrichment', status: 'success' }, clock);
    const first = await run({ trigger: 'sensor', runKey: 'sensor:1', scope: { partitions: [weeks[0]!] } });
    const second = await run({ trigger: 'sensor', runKey: 'sensor:1', scope: { partitions: [weeks[0]!] } });
    expect(first.status).toBe('succeeded');
    expect(second.status).toBe('duplicate');
    expect(await project.store.listRuns()).toHaveLength(1);
  });

  it('refuses while another run holds the run lock, and marks runs that died as interrupted', async () => {
    const lock = await acquireRunLock({ store: project.store, runId: 'run_other', ttlMs: 60_000, clock });
    const refused = await run();
    expect(refused.refusal).toEqual({
      code: 'RUN_IN_PROGRESS',
      message: expect.stringContaining('run_other'),
    });
    await lock?.release();

    // A run row left `running` by a dead process.
    await project.store.createRun({
      id: 'run_dead',
      runKey: null,
      trigger: 'manual',
      status: 'running',
      scope: {},
      plan: null,
      metadata: {},
      startedAt: clock.now(),
      finishedAt: null,
      error: null,
    });
    await run({ scope: { partitions: [weeks[0]!] } });
    expect((await project.store.getRun('run_dead'))?.status).toBe('interrupted');
  });

  it('refuses when the state artifact does not match the store, until reconciled', async () => {
    await run({ scope: { partitions: [weeks[0]!] } });
    const text = await readFile(config.state.path, 'utf8');
    await writeFile(config.state.path, text.replace('"attempt": 1', '"attempt": 2'));
    const refused = await run();
    expect(refused.refusal?.code).toBe('CHECKPOINT_MISMATCH');
    expect(refused.refusal?.message).toContain('freshet checkpoint reconcile');

    await reconcileStateArtifact({ store: project.store, path: config.state.path, clock });
    expect((await run()).status).toBe('succeeded');
  });

  it('throws before recording anything for a scope with a bad partition key', async () => {
    await expect(run({ scope: { partitions: ['nih:project_week_2024-13'] } })).rejects.toThrow(
      /nih:project_week_2025-W12/,
    );
    expect(await project.store.listRuns()).toEqual([]);
  });

  it('runs the other sources when one cannot list its partitions, and fails the run saying why', async () => {
    const broken = weekSource('usaspending', {
      listPartitions: async () => {
        throw new Error('award file unreadable');
      },
    });
    config = await testConfig(project.dir, [
      { source: nihLikeSource({ baseUrl: sim.baseUrl }) },
      { source: broken },
    ]);
    const summary = await run();
    expect(summary.status).toBe('failed');
    expect(summary.totals.complete).toBe(3);
    expect(summary.plan?.problems).toEqual([
      { source: 'usaspending', code: 'INTERNAL', message: expect.stringContaining('award file unreadable') },
    ]);
    expect(summary.error?.message).toContain('source usaspending could not list its partitions');
    expect(summary.artifact).toBeNull();
  });

  it('stores what the daily quota defers as deferred, and still succeeds', async () => {
    config = await testConfig(project.dir, [
      { source: nihLikeSource({ baseUrl: sim.baseUrl }), quota: { dailyBudget: 15 } },
    ]);
    const summary = await run();
    expect(summary.status).toBe('succeeded');
    expect(summary.partitions.map((p) => p.status)).toEqual(['complete', 'deferred', 'deferred']);
    expect(summary.partitions[1]?.error).toEqual({
      code: 'QUOTA_EXHAUSTED',
      message: expect.stringContaining('daily budget of 15'),
    });
  });

  it('stops at a graceful stop: partitions not finished are interrupted, and so is the run', async () => {
    const stop = new AbortController();
    stop.abort();
    const summary = await run({ stopSignal: stop.signal });
    expect(summary.status).toBe('interrupted');
    expect(summary.partitions.map((p) => p.status)).toEqual(['interrupted', 'interrupted', 'interrupted']);
    expect(summary.artifact).toBeNull();
    const next = await run();
    expect(next.status).toBe('succeeded');
  });
});
