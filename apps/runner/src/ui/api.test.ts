import { describe, expect, it } from 'vitest';
import type { RunView } from '../views/run-view.js';
import type { SourcePartitions } from '../views/source-partitions.js';
import { gatherStatus } from '../views/status.js';
import { seededUiApp } from './testing/ui-fixture.js';

const seeded = seededUiApp();

const get = (path: string) => seeded.ui.app.request(path);
const json = async <T>(path: string): Promise<T> => {
  const res = await get(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
};

async function waitForRun(runId: string): Promise<RunView> {
  await seeded.ui.runs.idle();
  return json<RunView>(`/api/runs/${runId}`);
}

describe('the JSON API', () => {
  it('GET /api/status is what `freshet status --json` reports', async () => {
    const status = await json<Awaited<ReturnType<typeof gatherStatus>>>('/api/status');
    expect(status).toEqual(JSON.parse(JSON.stringify(await gatherStatus(seeded.f.project))));
    expect(status.sensor.status).toBe('active');
    expect(status.sources[0]?.quota.usedToday).toBeGreaterThan(0);
  });

  it('GET /api/sources/nih/partitions tells every state apart, with the page and the bar', async () => {
    const view = await json<SourcePartitions>('/api/sources/nih/partitions');
    expect(view.counts).toEqual({ fresh: 3, stale: 3, failed: 1, running: 0, never_run: 5 });
    expect(view.cells.map((c) => c.state)).toEqual([
      ...Array(3).fill('stale'),
      ...Array(3).fill('fresh'),
      'failed',
      ...Array(5).fill('never_run'),
    ]);
    expect(view.cells[6]).toMatchObject({ key: 'nih:project_week_2024-W07', cursor: null });
    expect(view.buckets).toHaveLength(12);
    const failed = await json<SourcePartitions>('/api/sources/nih/partitions?state=failed');
    expect(failed.cells.map((c) => c.key)).toEqual(['nih:project_week_2024-W07']);
  });

  it('GET /api/partitions/:key shows the checkpoint, counts, cursor and last success', async () => {
    const detail = await json<{
      state: string;
      checkpoint: { status: string; cursor: unknown; counts: { written: number }; lastCompleteAt: string };
    }>(`/api/partitions/${encodeURIComponent('nih:project_week_2024-W05')}`);
    expect(detail.state).toBe('fresh');
    expect(detail.checkpoint).toMatchObject({
      status: 'complete',
      cursor: { offset: 24 },
      counts: { written: 24 },
    });
    const bad = await get('/api/partitions/nih:project_week_2024-13');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'PARTITION_KEY_INVALID' } });
  });

  it('GET /api/plan previews what POST /api/runs then runs, and the run shows in /api/runs', async () => {
    const preview = await json<{ plan: { entries: Array<{ partitionKey: string; action: string }> } }>(
      '/api/plan?source=nih&window=2024-W08..2024-W09',
    );
    expect(preview.plan.entries.map((e) => [e.partitionKey, e.action])).toEqual([
      ['nih:project_week_2024-W08', 'run'],
      ['nih:project_week_2024-W09', 'run'],
    ]);
    const res = await seeded.ui.app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'nih', window: '2024-W08..2024-W09' }),
    });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const view = await waitForRun(runId);
    expect(view.run).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    expect(view.partitions.map((p) => [p.partitionKey, p.status])).toEqual([
      ['nih:project_week_2024-W08', 'complete'],
      ['nih:project_week_2024-W09', 'complete'],
    ]);
    expect(view.slaGapsClosed.map((g) => g.reason)).toEqual(['never_run', 'never_run']);
    const runs = await json<Array<{ id: string }>>('/api/runs?limit=1');
    expect(runs[0]?.id).toBe(runId);
  });

  it('refuses a bad window with the CLI message (400), recording no run', async () => {
    const before = (await seeded.f.project.store.listRuns()).length;
    const res = await seeded.ui.app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'nih', window: '2024-W10..2024-W02' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('runs backwards');
    expect(await seeded.f.project.store.listRuns()).toHaveLength(before);
  });

  it('refuses a run while the sensor is paused, as the CLI does, and records the override', async () => {
    await seeded.f.report('failure', 'SAM extract truncated');
    try {
      const start = (overridePause: boolean) =>
        seeded.ui.app.request('/api/runs', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ source: 'nih', partitions: ['nih:project_week_2024-W10'], overridePause }),
        });
      const refused = await waitForRun(((await (await start(false)).json()) as { runId: string }).runId);
      expect(refused.run.status).toBe('refused');
      expect(refused.refusal).toMatchObject({ code: 'SENSOR_PAUSED' });
      expect(refused.refusal?.message).toContain('SAM extract truncated');

      const forced = await waitForRun(((await (await start(true)).json()) as { runId: string }).runId);
      expect(forced.run.status).toBe('succeeded');
      expect(forced.pauseOverride).toEqual({
        status: 'paused',
        reason: expect.stringContaining('SAM extract truncated'),
      });
    } finally {
      await seeded.f.report('success');
    }
  });

  it('answers unknown things with 404 JSON', async () => {
    expect((await get('/api/runs/run_nope')).status).toBe(404);
    expect((await get('/api/sources/nope/partitions')).status).toBe(404);
    expect((await get('/api/nothing')).status).toBe(404);
  });
});

describe('the pages', () => {
  it('render the overview, a source, runs, a run, assets and the launch form', async () => {
    const [run] = await seeded.f.project.store.listRuns({ limit: 1 });
    const pages: Array<[string, RegExp]> = [
      ['/', /Sensor[\s\S]*active[\s\S]*Schedule[\s\S]*0 2 \* \* \*[\s\S]*quota used today/],
      ['/sources/nih', /nih:project_week_2024-W07[\s\S]*data-state="failed"/],
      [
        `/sources/nih/partitions/${encodeURIComponent('nih:project_week_2024-W05')}`,
        /cursor[\s\S]*\{&quot;offset&quot;:24\}/,
      ],
      ['/runs', new RegExp(run!.id)],
      [`/runs/${run!.id}`, /Per-partition results[\s\S]*SLA gaps closed[\s\S]*Plan/],
      ['/assets', /bulk_enrichment[\s\S]*success/],
      ['/launch?source=nih&window=2024-W11..2024-W12&preview=1', /2 partitions to run[\s\S]*Start the run/],
    ];
    for (const [path, pattern] of pages) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await res.text(), path).toMatch(pattern);
    }
  });

  it('serve their stylesheet and script locally', async () => {
    const css = await get('/static/ui.css');
    expect(css.headers.get('content-type')).toContain('text/css');
    const js = await get('/static/ui.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain('run-live');
  });

  it('launch from the form: POST /runs redirects to the run; a bad window shows the form again with the reason', async () => {
    const form = new URLSearchParams({ source: 'nih', window: '2024-W11..2024-W12' });
    const res = await seeded.ui.app.request('/runs', { method: 'POST', body: form });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/runs\/run_/);
    const view = await waitForRun(decodeURIComponent(location.slice('/runs/'.length)));
    expect(view.run.status).toBe('succeeded');

    const bad = await seeded.ui.app.request('/runs', {
      method: 'POST',
      body: new URLSearchParams({ source: 'nih', window: '2024-13' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="launch-error"[^>]*>[^<]*2024-13/);
  });
});
