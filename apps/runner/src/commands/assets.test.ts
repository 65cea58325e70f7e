import { describe, expect } from 'vitest';
import { cliTest } from '../test-support/project.js';

const it = cliTest({ startDate: '2024-01-01', weeks: 1, projectsPerWeek: 5, rateLimit: null });

describe('freshet assets report / sensor status', () => {
  it('moves the sensor through waiting, active, paused and back', async ({ project }) => {
    const ok = await project.run(['assets', 'report', 'bulk_enrichment', '--status', 'success']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('recorded bulk_enrichment success (event #1)');
    expect(ok.stdout).toContain('sensor: waiting -> active');

    const failed = await project.run([
      'assets',
      'report',
      'bulk_enrichment',
      '--status',
      'failure',
      '-m',
      'oom',
    ]);
    expect(failed.stdout).toContain('sensor: active -> paused — upstream asset bulk_enrichment failed: oom');

    const status = await project.run(['sensor', 'status']);
    expect(status.stdout).toContain('sensor iterative_enrichment_sensor: paused');
    expect(status.stdout).toMatch(/bulk_enrichment\s+failure\s+#2 at .*oom/);
    expect(status.stdout).toMatch(/active -> paused/);

    await project.run(['assets', 'report', 'bulk_enrichment', '--status', 'success']);
    const json = await project.run(['sensor', 'status', '--json']);
    expect(json.json()).toMatchObject({
      status: 'active',
      pendingRun: { runKey: 'sensor:3', eventId: 3 },
      assets: [{ asset: 'bulk_enrichment', latest: { id: 3, status: 'success' } }],
    });
  });

  it('records an asset the sensor does not watch, and says it is ignored', async ({ project }) => {
    const result = await project.run(['assets', 'report', 'other_asset', '--status', 'failure']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('other_asset is not one of the sensor');
    expect(result.stdout).toContain('sensor: still waiting');
  });

  it('exits 2 for a bad asset name', async ({ project }) => {
    const result = await project.run(['assets', 'report', 'bad name', '--status', 'success']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('asset name "bad name" is not valid');
  });
});
