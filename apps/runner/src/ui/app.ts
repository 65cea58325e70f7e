import { isFreshetError } from '@freshet/core';
import { Hono } from 'hono';
import type { HttpOverrides } from '../runs/engine-sources.js';
import { loopbackHostsOnly, requireToken, sameOriginWrites, securityHeaders } from './auth.js';
import { limitBodies } from './body-limit.js';
import { createRunStarter, type RunStarter } from './launch.js';
import { messagePage } from './pages/message.js';
import { isUsageError, messageOf, sendHtml, sendJson } from './respond.js';
import { apiRoutes } from './routes-api.js';
import { pageRoutes } from './routes-pages.js';
import { staticFiles } from './static-files.js';
import type { UiProject } from './ui-project.js';

export interface UiAppOptions {
  project: UiProject;
  /** Required on every request when set (Bearer header or the `?token=` login cookie). */
  token?: string | null;
  /** The address the server listens on; on loopback, only loopback Host names are answered. */
  host?: string;
  /** HTTP overrides for the sources of runs launched here (tests, simulators). */
  http?: HttpOverrides;
  /** Runs launched here stop with these, as `freshet run` does on Ctrl-C. */
  signals?: { stop: AbortSignal; abort: AbortSignal };
}

export interface UiApp {
  app: Hono;
  /** The runs launched from the UI; wait for `idle()` before closing the store. */
  runs: RunStarter;
}

/** The web UI as a hono app: pages, the JSON API under /api, and the local static files. */
export function createUiApp(options: UiAppOptions): UiApp {
  const { project } = options;
  const redact = project.print.redact;
  const runs = createRunStarter({
    project,
    ...(options.http ? { http: options.http } : {}),
    ...(options.signals ? { signals: options.signals } : {}),
  });
  const deps = { project, runs, redact };
  const app = new Hono();

  app.use(securityHeaders);
  app.use(loopbackHostsOnly(options.host ?? '127.0.0.1'));
  app.use(requireToken(options.token ?? null));
  app.use(sameOriginWrites);
  app.use(limitBodies(redact));

  for (const file of staticFiles()) {
    app.get(`/static/${file.name}`, (c) => c.body(file.body, 200, { 'content-type': file.contentType }));
  }
  app.route('/api', apiRoutes(deps));
  app.route('/', pageRoutes(deps));

  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? sendJson(c, redact, { error: { code: 'NOT_FOUND', message: `no ${c.req.path}` } }, 404)
      : sendHtml(c, redact, messagePage('Not found', `nothing at ${c.req.path}`), 404),
  );
  app.onError((err, c) => {
    // A bad source, key or window is the caller's (400, as the CLI's exit 2); the rest is ours.
    const usage = isUsageError(err);
    if (!usage) project.logger.error({ path: c.req.path, err }, 'UI request failed');
    const code = isFreshetError(err) && usage ? err.code : 'INTERNAL';
    const message = messageOf(err);
    const status = usage ? 400 : 500;
    if (c.req.path.startsWith('/api/')) return sendJson(c, redact, { error: { code, message } }, status);
    return sendHtml(
      c,
      redact,
      messagePage(usage ? 'Not understood' : 'Something went wrong', message),
      status,
    );
  });
  return { app, runs };
}
