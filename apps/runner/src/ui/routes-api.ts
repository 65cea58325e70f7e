import { Hono } from 'hono';
import { loadAssetsView } from '../views/assets.js';
import { previewLaunch } from '../views/launch.js';
import { loadPartitionDetail } from '../views/partition-detail.js';
import { loadRecordDetail } from '../views/record-detail.js';
import { loadRunView } from '../views/run-view.js';
import { loadRuns } from '../views/runs.js';
import { findSource, loadSourcePartitions } from '../views/source-partitions.js';
import { gatherStatus } from '../views/status.js';
import { launchBodySchema, partitionsQuerySchema, planQuerySchema, runsQuerySchema } from './api-schemas.js';
import { runChangesQuerySchema } from './changes-schemas.js';
import { parseLaunchRequest, scopeOfLaunch } from './launch.js';
import { notificationsQuerySchema } from './notifications-schemas.js';
import { loadNotifications } from './notifications-view.js';
import { openApiDocument } from './openapi.js';
import { recordsQuerySchema } from './records-schemas.js';
import { loadSourceRecords } from './records-view.js';
import { sendJson } from './respond.js';
import { loadRunChanges } from './run-changes.js';
import type { UiDeps } from './ui-deps.js';

const notFound = (message: string) => ({ error: { code: 'NOT_FOUND', message } });

/**
 * The JSON API under /api: the views the pages show, in the shapes the CLI's --json prints.
 * Each route is described in openapi.ts (served at /api/openapi.json); queries and bodies are
 * parsed with the schemas that document them (api-schemas.ts).
 */
export function apiRoutes(deps: UiDeps): Hono {
  const { project, runs, redact } = deps;
  const app = new Hono();
  let document: string | null = null;

  app.get('/openapi.json', (c) => {
    document ??= JSON.stringify(openApiDocument());
    return c.body(document, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.get('/status', async (c) => sendJson(c, redact, await gatherStatus(project)));

  app.get('/sources/:id/partitions', async (c) => {
    const resolved = findSource(project, c.req.param('id'));
    if (resolved === null) return sendJson(c, redact, notFound(`no source ${c.req.param('id')}`), 404);
    const query = partitionsQuerySchema.parse(c.req.query());
    const view = await loadSourcePartitions(project, resolved, { page: query.page, filter: query.state });
    return sendJson(c, redact, view);
  });

  app.get('/partitions/:key', async (c) =>
    sendJson(c, redact, await loadPartitionDetail(project, c.req.param('key'))),
  );

  app.get('/sources/:id/records', async (c) => {
    const query = recordsQuerySchema.parse(c.req.query());
    const page = await loadSourceRecords(project, c.req.param('id'), query);
    if (page === null) return sendJson(c, redact, notFound(`no source ${c.req.param('id')}`), 404);
    return sendJson(c, redact, page);
  });

  app.get('/sources/:id/records/:key', async (c) => {
    // Not only configured sources: a record outlives its source's removal from the config.
    const { id, key } = c.req.param();
    const detail = await loadRecordDetail(project, id, key);
    if (detail === null) return sendJson(c, redact, notFound(`source ${id} has no record ${key}`), 404);
    return sendJson(c, redact, detail);
  });

  app.get('/runs', async (c) => {
    const { status, limit } = runsQuerySchema.parse(c.req.query());
    return sendJson(c, redact, await loadRuns(project, { limit, status }));
  });

  app.get('/runs/:id', async (c) => {
    const view = await loadRunView(project, c.req.param('id'));
    if (view === null) return sendJson(c, redact, notFound(`there is no run ${c.req.param('id')}`), 404);
    return sendJson(c, redact, view);
  });

  app.get('/runs/:id/changes', async (c) => {
    const query = runChangesQuerySchema.parse(c.req.query());
    const page = await loadRunChanges(project, c.req.param('id'), query);
    if (page === null) return sendJson(c, redact, notFound(`there is no run ${c.req.param('id')}`), 404);
    return sendJson(c, redact, page);
  });

  app.get('/notifications', async (c) => {
    const query = notificationsQuerySchema.parse(c.req.query());
    return sendJson(c, redact, await loadNotifications(project, query));
  });

  app.get('/plan', async (c) => {
    const request = parseLaunchRequest(planQuerySchema.parse(c.req.query()));
    return sendJson(c, redact, await previewLaunch(project, scopeOfLaunch(request)));
  });

  app.post('/runs', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    const parsed = launchBodySchema.safeParse(body);
    if (!parsed.success) {
      const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'the body'}: ${i.message}`);
      return sendJson(
        c,
        redact,
        {
          error: {
            code: 'CONFIG_INVALID',
            message: `${isObject ? `${issues.join('; ')}. ` : ''}send a JSON object like {"source":"nih","window":"2025-W10..2025-W12"} (see /api/openapi.json)`,
          },
        },
        400,
      );
    }
    const { runId } = await runs.start(parseLaunchRequest(parsed.data));
    return sendJson(c, redact, { runId, url: `/runs/${encodeURIComponent(runId)}` }, 202);
  });

  app.get('/assets', async (c) => sendJson(c, redact, await loadAssetsView(project)));

  return app;
}
