import { describe, expect, it } from 'vitest';
import { seededUiApp } from './testing/ui-fixture.js';

const seeded = seededUiApp();

/** The hrefs of the record links in a page, decoded back to keys. */
function recordKeys(page: string): string[] {
  return [...page.matchAll(/href="\/sources\/nih\/records\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
}

describe('a run’s changes in the UI', () => {
  it('shows the run’s change counts and its first changes on the run page, each linked to its record', async () => {
    const store = seeded.f.project.store;
    const run = (await store.listRuns()).at(-1)!; // the seeded run of W01..W03: 72 records created
    const page = await (await seeded.ui.app.request(`/runs/${encodeURIComponent(run.id)}`)).text();
    expect(page).toContain('<p id="change-counts">72 records created, 0 changed, 0 gone</p>');
    const first = await store.listChanges({ runId: run.id, limit: 20 });
    expect(recordKeys(page)).toEqual(first.map((c) => c.key));
    expect(page).toContain(`href="/runs/${encodeURIComponent(run.id)}/changes"`);
  });

  it('pages through every change of a run on /runs/:id/changes by following next', async () => {
    const store = seeded.f.project.store;
    const run = (await store.listRuns()).at(-1)!;
    const stored = await store.listChanges({ runId: run.id, limit: 5000 });
    const keys: string[] = [];
    let url: string | null = `/runs/${encodeURIComponent(run.id)}/changes?limit=25`;
    let pages = 0;
    while (url !== null && pages < 10) {
      const res = await seeded.ui.app.request(url);
      expect(res.status).toBe(200);
      const page = await res.text();
      keys.push(...recordKeys(page));
      url = page.match(/<a rel="next" href="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&') ?? null;
      pages++;
    }
    expect(pages).toBe(3);
    expect(keys).toEqual(stored.map((c) => c.key));
  });

  it('says a run without changes made none, and answers 404 for an unknown run', async () => {
    const store = seeded.f.project.store;
    const failed = (await store.listRuns()).find((r) => r.status === 'failed')!;
    const page = await (await seeded.ui.app.request(`/runs/${encodeURIComponent(failed.id)}`)).text();
    expect(page).toContain('0 records created, 0 changed, 0 gone');
    expect(page).toContain('no record was created, changed or found gone');
    expect((await seeded.ui.app.request('/runs/run_nope/changes')).status).toBe(404);
  });
});
