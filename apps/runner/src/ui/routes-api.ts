import { Hono } from 'hono';
import { loadAssetsView } from '../views/assets.js';
import { previewLaunch } from '../views/launch.js';
import { loadPartitionDetail } from '../views/partition-detail.js';
import { loadRunView } from '../views/run-view.js';
import { loadRuns } from '../views/runs.js';
import { findSource, loadSourcePartitions } from '../views/source-partitions.js';
import { gatherStatus } from '../views/status.js';
import { parseLaunchRequest, scopeOfLaunch } from './launch.js';
import { intParam, runStatusParam, stateParam } from './query.js';
import { sendJson } from './respond.js';
import type { UiDeps } from './ui-deps.js';

const notFound = (message: string) => ({ error: { code: 'NOT_FOUND', message } });

/** The JSON API under /api: the views the pages show, in the shapes the CLI's --json prints. */
export function apiRoutes(deps: UiDeps): Hono {
  const { project, runs, redact } = deps;
  const app = new Hono();

  app.get('/status', async (c) => sendJson(c, redact, await gatherStatus(project)));

  app.get('/sources/:id/partitions', async (c) => {
    const resolved = findSource(project, c.req.param('id'));
    if (resolved === null) return sendJson(c, redact, notFound(`no source ${c.req.param('id')}`), 404);
    const view = await loadSourcePartitions(project, resolved, {
      page: intParam(c.req.query('page'), 1, 1, Number.MAX_SAFE_INTEGER),
      filter: stateParam(c.req.query('state')),
    });
    return sendJson(c, redact, view);
  });

  app.get('/partitions/:key', async (c) =>
    sendJson(c, redact, await loadPartitionDetail(project, c.req.param('key'))),
  );

  app.get('/runs', async (c) => {
    const status = runStatusParam(c.req.query('status'));
    const limit = intParam(c.req.query('limit'), 20, 1, 1000);
    return sendJson(c, redact, await loadRuns(project, { limit, status }));
  });

  app.get('/runs/:id', async (c) => {
    const view = await loadRunView(project, c.req.param('id'));
    if (view === null) return sendJson(c, redact, notFound(`there is no run ${c.req.param('id')}`), 404);
    return sendJson(c, redact, view);
  });

  app.get('/plan', async (c) =>
    sendJson(c, redact, await previewLaunch(project, scopeOfLaunch(parseLaunchRequest(c.req.query())))),
  );

  app.post('/runs', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendJson(
        c,
        redact,
        {
          error: {
            code: 'CONFIG_INVALID',
            message: 'send a JSON object like {"source":"nih","window":"2025-W10..2025-W12"}',
          },
        },
        400,
      );
    }
    const { runId } = await runs.start(parseLaunchRequest(body as Record<string, unknown>));
    return sendJson(c, redact, { runId, url: `/runs/${encodeURIComponent(runId)}` }, 202);
  });

  app.get('/assets', async (c) => sendJson(c, redact, await loadAssetsView(project)));

  return app;
}
