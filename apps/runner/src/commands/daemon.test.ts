import type { ResolvedConfig } from '@freshet/core';
import { type NihSimulator, startNihSimulator } from '@freshet/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reportAssetEvent } from '../assets/report.js';
import { DAEMON_LEASE_KEY } from '../daemon/daemon-lease.js';
import { cli } from '../test-support/cli.js';
import { testConfig } from '../test-support/config.js';
import { type GatedSource, gatedSource } from '../test-support/gated-source.js';
import { type HeldClock, heldClock } from '../test-support/held-clock.js';
import { nihLikeSource } from '../test-support/nih-like-source.js';
import { type TempProject, tempProject } from '../test-support/store.js';

let sim: NihSimulator;
let project: TempProject;
let clock: HeldClock;
beforeAll(async () => {
  sim = await startNihSimulator({ startDate: '2024-01-01', weeks: 2, projectsPerWeek: 20, rateLimit: null });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  project = await tempProject();
  clock = heldClock('2025-03-20T12:00:00Z');
});
afterEach(async () => {
  await project.dispose();
});

const success = () => reportAssetEvent(project.store, { asset: 'bulk_enrichment', status: 'success' }, clock);
const logLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; event?: string; [k: string]: unknown });

function signals() {
  const stop = new AbortController();
  const abort = new AbortController();
  return { stop, abort, signals: { stop: stop.signal, abort: abort.signal } };
}

describe('freshet daemon', () => {
  it('--once ticks, waits for the run the sensor started, and logs one info line per tick', async () => {
    const config = await testConfig(project.dir, [
      { source: nihLikeSource({ baseUrl: sim.baseUrl, range: '2024-W01..2024-W02' }) },
    ]);
    const event = await success();
    const result = await cli(['daemon', '--once'], { config, clock, cwd: project.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^run run_\\S+ \\(sensor, sensor:${event.id}\\) succeeded`, 'm'),
    );
    const logs = logLines(result.stderr);
    const ticks = logs.filter((l) => l.event === 'tick');
    expect(ticks).toHaveLength(1);
    expect(ticks[0]).toMatchObject({
      level: 30,
      sensor: { status: 'active', requested: `sensor:${event.id}` },
    });
    expect(ticks[0]?.msg).toContain(`sensor active, started run sensor:${event.id}`);
    expect(logs.some((l) => l.event === 'run-end' && l.status === 'succeeded')).toBe(true);
    // The lease is released: the next daemon starts.
    expect((await project.store.listLeases(clock.now())).map((l) => l.partitionKey)).not.toContain(
      DAEMON_LEASE_KEY,
    );
  });

  it('refuses to start while another daemon holds the store (exit 3)', async () => {
    const config = await testConfig(project.dir, [{ source: nihLikeSource({ baseUrl: sim.baseUrl }) }]);
    await project.store.acquireLease(DAEMON_LEASE_KEY, 'otherhost:4242:beef', 180_000, clock.now());
    const result = await cli(['daemon', '--once'], { config, clock, cwd: project.dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('another freshet daemon (otherhost:4242:beef) is running on this store');
    expect(result.stderr).toContain('its lease expires at 2025-03-20 12:03Z');
    expect(await project.store.listRuns()).toEqual([]);
  });

  it('--ui serves the web UI beside the ticks and closes it when the daemon stops', async () => {
    const config = await testConfig(project.dir, [
      { source: nihLikeSource({ baseUrl: sim.baseUrl, range: '2024-W01..2024-W02' }) },
    ]);
    await success();
    const result = await cli(['daemon', '--once', '--ui', '--port', '0'], {
      config,
      clock,
      cwd: project.dir,
    });
    expect(result.code).toBe(0);
    const url = /freshet UI on (http:\/\/127\.0\.0\.1:\d+)/.exec(result.stdout)?.[1];
    expect(url).toBeDefined();
    // Closed with the daemon: nothing listens there any more.
    await expect(fetch(`${url}/api/status`)).rejects.toThrow();
  });

  it('--ui beyond loopback without a token refuses to start, before any tick', async () => {
    const config = await testConfig(project.dir, [{ source: nihLikeSource({ baseUrl: sim.baseUrl }) }]);
    await success();
    const result = await cli(['daemon', '--once', '--ui', '--host', '0.0.0.0', '--port', '0'], {
      config,
      clock,
      cwd: project.dir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/token/i);
    expect(await project.store.listRuns()).toEqual([]);
  });

  describe('stopping', () => {
    let gated: GatedSource;
    let config: ResolvedConfig;
    beforeEach(async () => {
      gated = gatedSource();
      config = await testConfig(project.dir, [{ source: gated.source, range: '2025-W10..2025-W12' }], {
        maxParallelPartitions: 2,
      });
      await success();
    });

    it('on a signal stops ticking, lets the slices in flight commit, exits 0; the next start resumes', async () => {
      const { stop, signals: s } = signals();
      const daemon = cli(['daemon', '--log-level', 'warn'], { config, clock, cwd: project.dir, signals: s });
      await gated.waiting(2);
      stop.abort();
      gated.open();
      const result = await daemon;
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/interrupted: the next start resumes it from its checkpoints/);
      const [stopped] = await project.store.listRuns();
      expect(stopped).toMatchObject({ trigger: 'sensor', status: 'interrupted' });
      const halfDone = await project.store.listCheckpoints({ status: 'running' });
      expect(halfDone.map((c) => [c.partitionKey, c.counts.slices])).toEqual([
        ['nih:project_week_2025-W10', 2],
        ['nih:project_week_2025-W11', 2],
      ]);

      const next = await cli(['daemon', '--once', '--log-level', 'warn'], {
        config,
        clock,
        cwd: project.dir,
      });
      expect(next.code).toBe(0);
      const resumed = (await project.store.listRuns()).find((r) => r.runKey === `resume:${stopped?.id}`);
      expect(resumed?.status).toBe('succeeded');
      const plan = resumed?.plan as { entries: Array<{ partitionKey: string; reason: string }> };
      expect(plan.entries.map((e) => e.reason)).toEqual(['resumable', 'resumable', 'never_run']);
      expect(await project.store.countRecords({ source: 'nih' })).toBe(9);
    });

    it('on a second signal aborts the slices in flight and exits 1', async () => {
      const { stop, abort, signals: s } = signals();
      const daemon = cli(['daemon', '--log-level', 'warn'], { config, clock, cwd: project.dir, signals: s });
      await gated.waiting(2);
      stop.abort();
      abort.abort();
      const result = await daemon;
      expect(result.code).toBe(1);
      const [run] = await project.store.listRuns();
      expect(run?.status).not.toBe('running');
      expect(await project.store.countRecords({ source: 'nih' })).toBe(2);
    });
  });
});
