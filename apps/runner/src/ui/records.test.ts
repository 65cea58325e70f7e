import { describe, expect, it } from 'vitest';
import type { RecordsPage } from '../views/partition-records.js';
import { createUiApp } from './app.js';
import { recordDetailSchema, recordsPageSchema } from './records-schemas.js';
import { seededUiApp, uiFixture } from './testing/ui-fixture.js';

const seeded = seededUiApp();

const W02 = 'nih:project_week_2024-W02';
const HOSTILE_KEY = `a/b?c#d%e"><script>alert('k')</script>`;
const HOSTILE_VALUE = `</pre><script>alert('x')</script>&`;

/** Writes `payload` as the next revision of `key` in W02, as a slice of `runId` would. */
async function write(key: string, payload: unknown, at: string, runId?: string) {
  const json = JSON.stringify(payload);
  await seeded.f.project.store.upsertRecords({
    source: 'nih',
    partitionKey: W02,
    records: [{ key, json, hash: json }],
    at: new Date(at),
    ...(runId === undefined ? {} : { runId }),
  });
}

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await seeded.ui.app.request(path);
  return { status: res.status, body: (await res.json()) as T };
}

describe('GET /api/sources/:id/records', () => {
  it('pages through a partition’s records by key, the same records the store lists, with their ledger status', async () => {
    const stored = await seeded.f.project.store.listRecords({
      source: 'nih',
      partitionKey: W02,
      limit: 5000,
    });
    expect(stored.length).toBeGreaterThan(20);
    const seen: RecordsPage['records'] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: URLSearchParams = new URLSearchParams({
        partition: W02,
        limit: '10',
        ...(after === null ? {} : { after }),
      });
      const { status, body }: { status: number; body: RecordsPage } = await getJson<RecordsPage>(
        `/api/sources/nih/records?${query}`,
      );
      expect(status).toBe(200);
      expect(recordsPageSchema.safeParse(body).error?.issues ?? []).toEqual([]);
      seen.push(...body.records);
      after = body.nextAfter;
      pages++;
    } while (after !== null && pages < 100);
    expect(pages).toBe(Math.floor(stored.length / 10) + 1);
    expect(seen.map((r) => r.key)).toEqual(stored.map((r) => r.key));
    expect(seen.every((r) => r.partitionKey === W02 && r.status === 'success' && r.revision >= 1)).toBe(true);
  });

  it('refuses a malformed partition (400) and a source that is not configured (404)', async () => {
    const unknown = await getJson<{ error: { code: string; message: string } }>(
      `/api/sources/sam_gov/records?partition=${encodeURIComponent(W02)}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('sam_gov');
    const malformed = await getJson<{ error: { code: string; message: string } }>(
      '/api/sources/nih/records?partition=nih:week_nope',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('PARTITION_KEY_INVALID');
  });
});

describe('GET /api/sources/:id/records with two sources', () => {
  it('refuses a partition of the other source (400), naming both and the fix', async () => {
    const f = await uiFixture({ bigPartitions: 3 });
    try {
      const ui = createUiApp({ project: f.project });
      const res = await ui.app.request(`/api/sources/sam_gov/records?partition=${encodeURIComponent(W02)}`);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('PARTITION_KEY_INVALID');
      expect(error.message).toContain('belongs to source nih, not sam_gov');
      expect(error.message).toContain('/api/sources/nih/records');
    } finally {
      await f.dispose();
    }
  });
});

describe('a record’s page and GET /api/sources/:id/records/:key', () => {
  it('shows the payload, the ledger entry and the field diff of each revision, hostile text escaped', async () => {
    const [run] = await seeded.f.project.store.listRuns({ limit: 1 });
    await write(HOSTILE_KEY, { title: 'v1', n: 1, nested: { a: 1 }, gone: true }, '2025-03-21T00:00:00Z');
    await write(
      HOSTILE_KEY,
      { title: 'v2', n: 1, nested: { a: 2 }, gone: true },
      '2025-03-22T00:00:00Z',
      run!.id,
    );
    await write(
      HOSTILE_KEY,
      { title: HOSTILE_VALUE, n: 1, nested: { a: 2 }, added: [1] },
      '2025-03-23T00:00:00Z',
    );

    const path = `/sources/nih/records/${encodeURIComponent(HOSTILE_KEY)}`;
    const { status, body } = await getJson<Record<string, unknown>>(`/api${path}`);
    expect(status).toBe(200);
    const detail = recordDetailSchema.parse(body);
    expect(detail.key).toBe(HOSTILE_KEY);
    expect(detail.record).toMatchObject({ revision: 3, partitionKey: W02 });
    expect(detail.ledger).toMatchObject({ status: 'success', attempts: 3, error: null });
    expect(detail.revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(detail.steps).toEqual([
      {
        fromRevision: 2,
        toRevision: 3,
        at: '2025-03-23T00:00:00.000Z',
        runId: null,
        fields: [
          { field: 'added', kind: 'added', after: [1] },
          { field: 'gone', kind: 'removed', before: true },
          { field: 'title', kind: 'modified', before: 'v2', after: HOSTILE_VALUE },
        ],
      },
      {
        fromRevision: 1,
        toRevision: 2,
        at: '2025-03-22T00:00:00.000Z',
        runId: run!.id,
        fields: [
          { field: 'nested', kind: 'modified', before: { a: 1 }, after: { a: 2 } },
          { field: 'title', kind: 'modified', before: 'v1', after: 'v2' },
        ],
      },
    ]);

    const res = await seeded.ui.app.request(path);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('</pre><script>');
    expect(page).toContain('&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;');
    expect(page).toContain('a/b?c#d%e&quot;&gt;&lt;script&gt;');
    expect(page).toContain('revision 2 → 3');
    expect(page).toContain('revision 1 → 2');
    // Nested values show as JSON; the run that made a revision links to it.
    expect(page).toContain('{&quot;a&quot;:1}');
    expect(page).toContain(`href="/runs/${encodeURIComponent(run!.id)}"`);
    expect(page).toContain('class="badge s-success"');
  });

  it('links each record of a partition’s page to its own page, the key encoded, and pages by key', async () => {
    await write(HOSTILE_KEY, { title: 'again' }, '2025-03-24T00:00:00Z');
    const partitionPath = `/sources/nih/partitions/${encodeURIComponent(W02)}`;
    const page = await (await seeded.ui.app.request(partitionPath)).text();
    const href = `/sources/nih/records/${encodeURIComponent(HOSTILE_KEY).replaceAll("'", '&#39;')}`;
    expect(page).toContain(`href="${href}"`);
    expect(page).not.toContain('<script>alert');
    // The first page holds 100 records; W02 has fewer, so no next page.
    expect(page).not.toContain('rel="next"');

    const stored = await seeded.f.project.store.listRecords({
      source: 'nih',
      partitionKey: W02,
      limit: 5000,
    });
    const afterFirst = await (
      await seeded.ui.app.request(`${partitionPath}?after=${encodeURIComponent(stored[0]!.key)}`)
    ).text();
    expect(afterFirst).not.toContain(`>${stored[0]!.key}</a>`);
    expect(afterFirst).toContain(`>${stored[1]!.key}</a>`);
    expect(afterFirst).toContain('← first page');
  });

  it('shows a key the ledger tracks but that was never stored, with its error', async () => {
    await seeded.f.project.store.markLedger({
      source: 'nih',
      partitionKey: W02,
      keys: ['never-stored'],
      status: 'failed',
      at: new Date('2025-03-21T00:00:00Z'),
      error: 'HTTP 500 <b>upstream</b>',
    });
    const { status, body } = await getJson<Record<string, unknown>>('/api/sources/nih/records/never-stored');
    expect(status).toBe(200);
    expect(recordDetailSchema.parse(body)).toMatchObject({
      record: null,
      ledger: { status: 'failed', attempts: 1, error: 'HTTP 500 <b>upstream</b>' },
      revisions: [],
      steps: [],
    });
    const page = await (await seeded.ui.app.request('/sources/nih/records/never-stored')).text();
    expect(page).toContain('Never stored');
    expect(page).toContain('HTTP 500 &lt;b&gt;upstream&lt;/b&gt;');
    expect(page).not.toContain('id="payload"');
  });

  it('answers 404 for a key the store does not know, on the page and in JSON', async () => {
    const key = encodeURIComponent('no/such?key');
    expect((await seeded.ui.app.request(`/sources/nih/records/${key}`)).status).toBe(404);
    const { status, body } = await getJson<{ error: { message: string } }>(`/api/sources/nih/records/${key}`);
    expect(status).toBe(404);
    expect(body.error.message).toContain('no/such?key');
  });
});
