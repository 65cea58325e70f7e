import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_ROUTES, openApiPath } from './openapi.js';
import { seededUiApp } from './testing/ui-fixture.js';

const seeded = seededUiApp();

type Operation = {
  summary: string;
  parameters?: Array<{ name: string; in: string; schema: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type Document = {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

const documentOf = async (): Promise<Document> => {
  const res = await seeded.ui.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  return (await res.json()) as Document;
};

/** Every `$ref` in `value`, anywhere. */
const refsIn = (value: unknown): string[] =>
  JSON.stringify(value)
    .match(/"\$ref":"[^"]+"/g)
    ?.map((m) => m.slice('"$ref":"'.length, -1)) ?? [];

describe('GET /api/openapi.json', () => {
  it('describes every route registered under /api: a route without a description fails here', async () => {
    const doc = await documentOf();
    expect(doc.openapi).toBe('3.1.0');
    const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(doc.info.version).toBe(version);

    // What the app really answers under /api (hono's route table), middleware aside.
    const registered = seeded.ui.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThanOrEqual(9);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(new Set(registered)).toEqual(new Set(documented));
    expect(registered).toHaveLength(new Set(registered).size);

    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        expect(op.summary, where).toMatch(/\w/);
        expect(op.responses['200'] ?? op.responses['202'], where).toBeDefined();
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          expect(
            op.parameters?.map((p) => `{${p.name}}`),
            where,
          ).toContain(name);
        }
      }
    }
    // Every reference resolves to a component.
    for (const ref of refsIn(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
  });

  it('gives parameters, the request body and the answers from the zod schemas that parse them', async () => {
    const doc = await documentOf();
    const runs = doc.paths['/api/runs']!;
    expect(runs.get?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'limit',
          in: 'query',
          schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 1000, default: 20 }),
        }),
        expect.objectContaining({
          name: 'status',
          schema: expect.objectContaining({
            enum: ['running', 'succeeded', 'failed', 'interrupted', 'refused'],
          }),
        }),
      ]),
    );
    expect(runs.post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/LaunchRequest',
    });
    const launch = doc.components.schemas.LaunchRequest!;
    expect(Object.keys(launch.properties as object)).toEqual([
      'source',
      'window',
      'partitions',
      'force',
      'overridePause',
    ]);
    expect(doc.paths['/api/sources/{id}/partitions']?.get?.parameters?.map((p) => [p.in, p.name])).toEqual([
      ['path', 'id'],
      ['query', 'page'],
      ['query', 'state'],
    ]);
    const status = doc.components.schemas.Status!;
    expect(status.required).toEqual(expect.arrayContaining(['sensor', 'schedule', 'sources', 'slaGaps']));
    expect(doc.components.schemas.Plan?.properties).toHaveProperty('notes');
    expect(runs.post?.responses['400']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
  });

  it('matches what every route answers: each real answer parses with its documented schema', async () => {
    const [run] = await seeded.f.project.store.listRuns({ limit: 1 });
    const [record] = await seeded.f.project.store.listRecords({ source: 'nih', limit: 1 });
    const started = await seeded.ui.app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'nih', partitions: ['nih:project_week_2024-W10'] }),
    });
    await seeded.ui.runs.idle();
    const paths: Record<string, string> = {
      '/status': '/api/status',
      '/sources/:id/partitions': '/api/sources/nih/partitions?page=1',
      '/sources/:id/records': `/api/sources/nih/records?partition=${encodeURIComponent('nih:project_week_2024-W02')}&limit=5`,
      '/sources/:id/records/:key': `/api/sources/nih/records/${encodeURIComponent(record!.key)}`,
      '/partitions/:key': `/api/partitions/${encodeURIComponent('nih:project_week_2024-W05')}`,
      '/runs': '/api/runs?limit=5',
      '/runs/:id': `/api/runs/${run!.id}`,
      '/runs/:id/changes': `/api/runs/${run!.id}/changes?limit=3`,
      '/plan': '/api/plan?source=nih&window=2024-W08..2024-W09',
      '/assets': '/api/assets',
      '/notifications': '/api/notifications?limit=5',
      '/openapi.json': '/api/openapi.json',
    };
    for (const route of API_ROUTES) {
      const where = `${route.method} ${route.path}`;
      const res = route.method === 'post' ? started : await seeded.ui.app.request(paths[route.path]!);
      const answer = route.responses[res.status];
      expect(answer, `${where}: ${res.status}`).toBeDefined();
      const parsed = answer!.schema.safeParse(await res.json());
      expect(parsed.error?.issues ?? [], where).toEqual([]);
      expect(openApiPath(route.path)).toMatch(/^\/api\//);
    }
    // The errors too.
    const missing = await seeded.ui.app.request('/api/runs/run_nope');
    expect(
      API_ROUTES.find((r) => r.path === '/runs/:id')!.responses[404]!.schema.safeParse(await missing.json())
        .success,
    ).toBe(true);
  });

  it('refuses a body the schema does not take, naming the field (400), and records no run', async () => {
    const before = (await seeded.f.project.store.listRuns()).length;
    const res = await seeded.ui.app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'nih', partitions: [7] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CONFIG_INVALID');
    expect(body.error.message).toContain('partitions');
    expect(body.error.message).toContain('/api/openapi.json');
    const notAnObject = await seeded.ui.app.request('/api/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(notAnObject.status).toBe(400);
    expect(await seeded.f.project.store.listRuns()).toHaveLength(before);
  });
});
