import { Hono } from 'hono';
import { loadAssetsView } from '../views/assets.js';
import { type LaunchPreview, launchSources, previewLaunch } from '../views/launch.js';
import { loadPartitionDetail } from '../views/partition-detail.js';
import { loadRecordsPage } from '../views/partition-records.js';
import { loadRecordDetail } from '../views/record-detail.js';
import { countRunChanges } from '../views/run-change-counts.js';
import { loadRunView } from '../views/run-view.js';
import { loadRuns } from '../views/runs.js';
import { findSource, loadSourcePartitions } from '../views/source-partitions.js';
import { gatherStatus } from '../views/status.js';
import { RUN_CHANGES_MAX_LIMIT } from './changes-schemas.js';
import { type LaunchRequest, parseLaunchRequest, scopeOfLaunch } from './launch.js';
import { notificationsQuerySchema } from './notifications-schemas.js';
import { loadNotifications } from './notifications-view.js';
import { assetsPage } from './pages/assets.js';
import { launchPage } from './pages/launch.js';
import { messagePage } from './pages/message.js';
import { notificationsPage } from './pages/notifications.js';
import { overviewPage } from './pages/overview.js';
import { partitionDetail, partitionPage } from './pages/partition.js';
import { recordPage } from './pages/record.js';
import { partitionRecordsHref, recordsTable } from './pages/records-table.js';
import { runChangesPage, runChangesSection } from './pages/run-changes.js';
import { runDetailPage, runLive } from './pages/run-detail.js';
import { runsPage } from './pages/runs.js';
import { sourcePage } from './pages/source.js';
import { intParam, runStatusParam, stateParam } from './query.js';
import { isUsageError, messageOf, sendHtml, sendJson } from './respond.js';
import { loadRunChanges } from './run-changes.js';
import type { UiDeps } from './ui-deps.js';

// A page of the partition's records, and the first changes a run page shows (the rest: paged).
const RECORDS_ON_A_PAGE = 100;
const CHANGES_ON_THE_RUN_PAGE = 20;

/** The HTML pages; each shows a view from ../views, as the CLI command it mirrors prints it. */
export function pageRoutes(deps: UiDeps): Hono {
  const { project, runs, redact } = deps;
  const app = new Hono();

  /** A run's change counts and first changes, for its page and the live part the page polls. */
  const changesSection = async (runId: string) => {
    const [counts, first] = await Promise.all([
      countRunChanges(project.store, runId),
      loadRunChanges(project, runId, { after: 0, limit: CHANGES_ON_THE_RUN_PAGE }),
    ]);
    return first === null ? undefined : runChangesSection(counts, first);
  };

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
    if (c.req.query('fragment') === '1') return sendHtml(c, redact, partitionDetail(detail));
    const after = c.req.query('after') || null;
    const records = await loadRecordsPage(project, {
      source: detail.source,
      partitionKey: detail.partitionKey,
      ...(after === null ? {} : { after }),
      limit: RECORDS_ON_A_PAGE,
    });
    const pageHref = (next: string | null) => partitionRecordsHref(detail.source, detail.partitionKey, next);
    return sendHtml(c, redact, partitionPage(detail, recordsTable(records, { after, pageHref })));
  });

  app.get('/sources/:id/records/:key', async (c) => {
    const { id, key } = c.req.param();
    const detail = await loadRecordDetail(project, id, key);
    if (detail === null)
      return sendHtml(c, redact, messagePage('Not found', `source ${id} has no record ${key}`), 404);
    return sendHtml(c, redact, recordPage(detail));
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
    return sendHtml(c, redact, runDetailPage(view, await changesSection(view.run.id)));
  });

  app.get('/runs/:id/changes', async (c) => {
    const after = intParam(c.req.query('after'), 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = intParam(c.req.query('limit'), 100, 1, RUN_CHANGES_MAX_LIMIT);
    const page = await loadRunChanges(project, c.req.param('id'), { after, limit });
    if (page === null)
      return sendHtml(c, redact, messagePage('Not found', `there is no run ${c.req.param('id')}`), 404);
    return sendHtml(c, redact, runChangesPage(page, { after, limit }));
  });

  // What the run page polls while the run goes on: its live part, rendered here.
  app.get('/runs/:id/live', async (c) => {
    const view = await loadRunView(project, c.req.param('id'));
    if (view === null)
      return sendJson(c, redact, { error: { code: 'NOT_FOUND', message: 'no such run' } }, 404);
    const html = String(await runLive(view, await changesSection(view.run.id)));
    return sendJson(c, redact, { status: view.run.status, html });
  });

  app.get('/assets', async (c) => sendHtml(c, redact, assetsPage(await loadAssetsView(project))));

  app.get('/notifications', async (c) => {
    const query = notificationsQuerySchema.parse(c.req.query());
    return sendHtml(c, redact, notificationsPage(await loadNotifications(project, query)));
  });

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
