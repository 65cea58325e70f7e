import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createUiApp, type UiApp, type UiAppOptions } from './app.js';
import { checkBinding } from './token.js';
import { DEFAULT_UI_HOST, DEFAULT_UI_PORT } from './ui-defaults.js';

export { DEFAULT_UI_HOST, DEFAULT_UI_PORT };

export interface StartUiServerOptions extends UiAppOptions {
  /** Default 127.0.0.1; anything else needs `token`. */
  host?: string;
  /** Default 4280; 0 picks a free port. */
  port?: number;
}

export interface UiServer {
  /** `http://127.0.0.1:4280` (never with the token). */
  url: string;
  host: string;
  port: number;
  app: UiApp['app'];
  /** Runs launched from the UI that have not ended yet. */
  readonly runsInFlight: number;
  /** Stops listening, waits for the runs launched here, and closes open connections. */
  close(): Promise<void>;
}

/**
 * Serves the web UI on the project's store. Refuses (CONFIG_INVALID) to bind beyond loopback
 * without a token. `freshet serve` calls it, and so can the daemon (`daemon --ui`) with its
 * own project, so the UI and the daemon share one process and store.
 */
export async function startUiServer(options: StartUiServerOptions): Promise<UiServer> {
  const host = options.host ?? DEFAULT_UI_HOST;
  const token = options.token ?? null;
  checkBinding(host, token);
  const { app, runs } = createUiApp({ ...options, host, token });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? DEFAULT_UI_PORT }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    app,
    get runsInFlight() {
      return runs.inFlight;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Pollers keep connections alive; the page reconnects when a server is back.
      server.closeIdleConnections();
      await runs.idle();
      server.closeAllConnections();
      await closed;
    },
  };
}
