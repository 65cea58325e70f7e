import { describe, expect } from 'vitest';
import type { RunSummary } from '../src/runs/types.js';
import { nihProjectTest } from './harness/fixtures.js';
import { partitionKey } from './harness/nih.js';

type SensorJson = {
  status: 'waiting' | 'active' | 'paused';
  reason: string;
  failures: Array<{ asset: string; message: string | null }>;
  assets: Array<{ asset: string; latest: { status: string; message: string | null } | null }>;
};
type RunRowJson = { id: string; status: string; error: { code: string; message: string } | null };

const it = nihProjectTest();

describe('freshet (built binary): the sensor', () => {
  it('waits, activates, pauses on a failure (refusing manual runs unless --force, which is recorded), and resumes on the next success', async ({
    project,
    nih,
  }) => {
    const sensor = async () => {
      const result = await project.freshet(['sensor', 'status', '--json']);
      expect(result.code, result.stderr).toBe(0);
      return result.json<SensorJson>();
    };
    const report = async (status: 'success' | 'failure', ...extra: string[]) => {
      const result = await project.freshet([
        'assets',
        'report',
        'bulk_enrichment',
        '--status',
        status,
        ...extra,
      ]);
      expect(result.code, result.stderr).toBe(0);
      return result;
    };

    expect(await sensor()).toMatchObject({
      status: 'waiting',
      reason: expect.stringContaining('bulk_enrichment'),
      assets: [{ asset: 'bulk_enrichment', latest: null }],
    });

    const success = await report('success');
    expect(success.stdout).toContain('sensor: waiting -> active');
    expect(await sensor()).toMatchObject({ status: 'active', failures: [] });

    await report('failure', '--message', 'SAM extract truncated');
    expect(await sensor()).toMatchObject({
      status: 'paused',
      reason: expect.stringContaining('SAM extract truncated'),
      failures: [{ asset: 'bulk_enrichment', message: 'SAM extract truncated' }],
      assets: [{ asset: 'bulk_enrichment', latest: { status: 'failure', message: 'SAM extract truncated' } }],
    });

    // A manual run is refused while paused: exit 3, the reason and both ways out.
    const refused = await project.freshet(['run']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('refused: the sensor is paused: upstream asset bulk_enrichment failed');
    expect(refused.stderr).toContain('SAM extract truncated');
    expect(refused.stderr).toContain('freshet assets report bulk_enrichment --status success');
    expect(refused.stderr).toContain('--force');
    expect(nih.proxy.requests).toHaveLength(0);
    const refusedRuns = (await project.freshet(['runs', 'list', '--status', 'refused', '--json'])).json<
      RunRowJson[]
    >();
    expect(refusedRuns).toMatchObject([{ status: 'refused', error: { code: 'SENSOR_PAUSED' } }]);

    // --force runs anyway, and the run records the pause it overrode.
    const W10 = partitionKey('2025-W10');
    const forced = await project.freshet(['run', '--force', '--partition', W10, '--json']);
    expect(forced.code, forced.stderr).toBe(0);
    const summary = forced.json<RunSummary>();
    expect(summary).toMatchObject({
      status: 'succeeded',
      pauseOverride: { status: 'paused', reason: expect.stringContaining('SAM extract truncated') },
      totals: { complete: 1 },
    });
    const shown = await project.freshet(['runs', 'show', summary.runId, '--json']);
    expect(shown.json()).toMatchObject({
      id: summary.runId,
      status: 'succeeded',
      metadata: {
        pauseOverride: { status: 'paused', reason: expect.stringContaining('SAM extract truncated') },
      },
    });
    expect((await project.freshet(['runs', 'show', summary.runId])).stdout).toContain(
      'overrode a paused sensor: upstream asset bulk_enrichment failed: SAM extract truncated',
    );
    expect(nih.proxy.requests.length).toBeGreaterThan(0);

    // The asset's next success lifts the pause: active again, and a plain run goes ahead.
    const lifted = await report('success');
    expect(lifted.stdout).toContain('sensor: paused -> active');
    expect(await sensor()).toMatchObject({ status: 'active', failures: [] });
    const after = await project.freshet(['run', '--partition', partitionKey('2025-W11'), '--json']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.json<RunSummary>()).toMatchObject({ status: 'succeeded', pauseOverride: null });
  });
});
