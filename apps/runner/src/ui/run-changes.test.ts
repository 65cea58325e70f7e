import { describe, expect, it } from 'vitest';
import type { ChangeLine } from '../views/change-line.js';
import { seededUiApp } from './testing/ui-fixture.js';

const seeded = seededUiApp();

type Page = { runId: string; changes: ChangeLine[]; nextAfter: number | null; next: string | null };

describe('GET /api/runs/:id/changes', () => {
  it('pages through a run’s changes by following next, the same changes the store lists', async () => {
    const store = seeded.f.project.store;
    // The seeded run of W01..W03 (24 projects a week), the oldest one.
    const run = (await store.listRuns()).at(-1)!;
    const stored = await store.listChanges({ runId: run.id, limit: 5000 });
    expect(stored).toHaveLength(72);

    const seen: ChangeLine[] = [];
    let url: string | null =
      `/api/runs/${encodeURIComponent(run.id)}/changes?limit=25&partition=${encodeURIComponent('nih:project_week_2024-W02')}`;
    let pages = 0;
    while (url !== null) {
      const res = await seeded.ui.app.request(url);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Page;
      expect(page.runId).toBe(run.id);
      seen.push(...page.changes);
      url = page.next;
      pages++;
    }
    // 24 changes in pages of 25: one page, whose next is null.
    expect(pages).toBe(1);
    expect(seen.map((c) => c.key)).toEqual(
      stored.filter((c) => c.partitionKey === 'nih:project_week_2024-W02').map((c) => c.key),
    );

    const all: ChangeLine[] = [];
    url = `/api/runs/${encodeURIComponent(run.id)}/changes?limit=10`;
    pages = 0;
    while (url !== null) {
      const page = (await (await seeded.ui.app.request(url)).json()) as Page;
      all.push(...page.changes);
      url = page.next;
      pages++;
    }
    expect(pages).toBe(8);
    expect(all.map((c) => `${c.kind} ${c.partition} ${c.key}`)).toEqual(
      stored.map((c) => `${c.kind} ${c.partitionKey} ${c.key}`),
    );
    expect(all[0]).toMatchObject({
      kind: 'created',
      source: 'nih',
      revision: 1,
      runId: run.id,
      changedFields: null,
    });
  });

  it('answers 404 for a run the store does not hold', async () => {
    const res = await seeded.ui.app.request('/api/runs/run_nope/changes');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('run_nope');
  });
});
