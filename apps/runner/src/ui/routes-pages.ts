import { Hono } from 'hono';
import { loadAssetsView } from '../views/assets.js';
import { type LaunchPreview, launchSources, previewLaunch } from '../views/launch.js';
import { loadPartitionDetail } from '../views/partition-detail.js';
import { loadRunView } from '../views/run-view.js';
import { loadRuns } from '../views/runs.js';
import { findSource, loadSourcePartitions } from '../views/source-partitions.js';
import { gatherStatus } from '../views/status.js';
import { type LaunchRequest, parseLaunchRequest, scopeOfLaunch } from './launch.js';
import { assetsPage } from './pages/assets.js';
import { launchPage } from './pages/launch.js';
import { messagePage } from './pages/message.js';
import { overviewPage } from './pages/overview.js';
import { partitionDetail, partitionPage } from './pages/partition.js';
import { runDetailPage, runLive } from './pages/run-detail.js';
import { runsPage } from './pages/runs.js';
import { sourcePage } from './pages/source.js';
import { intParam, runStatusParam, stateParam } from './query.js';
import { isUsageError, messageOf, sendHtml, sendJson } from './respond.js';
import type { UiDeps } from './ui-deps.js';

/** The HTML pages; each shows a view from ../views, as the CLI command it mirrors prints it. */
export function pageRoutes(deps: UiDeps): Hono {
  const { project, runs, redact } = deps;
  const app = new Hono();

  app.get('/', async (c) =>
    sendHtml(c, redact, overviewPage(await gatherStatus(project), project.clock.now())),
  );

  app.get('/sources/:id', async (c) => {
    const resolved = findSource(project, c.req.param('id'));
    if (resolved === null)
      return sendHtml(
        c,
        redact,
        messagePage('Not found', `no source ${c.req.param('id')} is configured`),
        404,
      );
    const view = await loadSourcePartitions(project, resolved, {
      page: intParam(c.req.query('page'), 1, 1, Number.MAX_SAFE_INTEGER),
      filter: stateParam(c.req.query('state')),
    });
    return sendHtml(c, redact, sourcePage(view));
  });

  app.get('/sources/:id/partitions/:key', async (c) => {
    const detail = await loadPartitionDetail(project, c.req.param('key'));
    const fragment = c.req.query('fragment') === '1';
    return sendHtml(c, redact, fragment ? partitionDetail(detail) : partitionPage(detail));
  });

  app.get('/runs', async (c) => {
    const status = runStatusParam(c.req.query('status'));
    const limit = intParam(c.req.query('limit'), 50, 1, 1000);
    const list = await loadRuns(project, { limit, status });
    return sendHtml(c, redact, runsPage(list, { status, limit }));
  });

  app.get('/runs/:id', async (c) => {
    const view = await loadRunView(project, c.req.param('id'));
    if (view === null)
      return sendHtml(c, redact, messagePage('Not found', `there is no run ${c.req.param('id')}`), 404);
    return sendHtml(c, redact, runDetailPage(view));
  });

  // What the run page polls while the run goes on: its live part, rendered here.
  app.get('/runs/:id/live', async (c) => {
    const view = await loadRunView(project, c.req.param('id'));
    if (view === null)
      return sendJson(c, redact, { error: { code: 'NOT_FOUND', message: 'no such run' } }, 404);
    return sendJson(c, redact, { status: view.run.status, html: String(await runLive(view)) });
  });

  app.get('/assets', async (c) => sendHtml(c, redact, assetsPage(await loadAssetsView(project))));

  app.get('/launch', async (c) => {
    const query = c.req.query();
    const request = parseLaunchRequest(query);
    let preview: LaunchPreview | null = null;
    let error: string | null = null;
    if (query.preview === '1') {
      try {
        preview = await previewLaunch(project, scopeOfLaunch(request));
      } catch (err) {
        if (!isUsageError(err)) throw err;
        error = messageOf(err);
      }
    }
    const page = launchPage({ sources: launchSources(project), request, preview, error });
    return sendHtml(c, redact, page, error ? 400 : 200);
  });

  app.post('/runs', async (c) => {
    const request: LaunchRequest = parseLaunchRequest(await c.req.parseBody());
    try {
      const { runId } = await runs.start(request);
      return c.redirect(`/runs/${encodeURIComponent(runId)}`, 303);
    } catch (err) {
      if (!isUsageError(err)) throw err;
      const page = launchPage({
        sources: launchSources(project),
        request,
        preview: null,
        error: messageOf(err),
      });
      return sendHtml(c, redact, page, 400);
    }
  });

  return app;
}
