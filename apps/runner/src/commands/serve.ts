import { DEFAULT_UI_HOST, startUiServer } from '../ui/server.js';
import { isLoopback, resolveUiToken, UI_TOKEN_ENV } from '../ui/token.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { withProject } from './handle.js';

export interface ServeFlags {
  host?: string;
  port?: number;
  token?: string;
}

/**
 * `freshet serve`: the web UI on this project's store until Ctrl-C (or SIGTERM), then it waits
 * for the runs it launched to stop after their slices in flight.
 */
export function serveCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: ServeFlags,
): Promise<number> {
  return withProject(ctx, globals, async (project) => {
    const token = resolveUiToken(flags.token, ctx.env);
    if (token !== null) project.print.addSecrets([token]);
    const host = flags.host ?? DEFAULT_UI_HOST;
    const server = await startUiServer({
      project,
      host,
      token,
      ...(flags.port === undefined ? {} : { port: flags.port }),
      ...(ctx.http ? { http: ctx.http } : {}),
      ...(ctx.signals ? { signals: ctx.signals } : {}),
    });
    const shown = isLoopback(host) ? server.url : `${server.url} (listening on ${host})`;
    project.print.out(`freshet UI on ${shown}. Ctrl-C stops.`);
    if (token !== null) {
      project.print.out(
        `every request needs the token: open ${server.url}/?token=<the token> once (${flags.token === undefined ? UI_TOKEN_ENV : '--token'}), or send "Authorization: Bearer <the token>"`,
      );
    }
    await stopped(ctx.signals?.stop);
    if (server.runsInFlight > 0) {
      project.print.out(
        'waiting for the runs launched here to stop after their slices in flight commit (Ctrl-C again to abort them)…',
      );
    }
    await server.close();
    return ExitCodes.OK;
  });
}

function stopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal === undefined) return; // Runs until the process ends.
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
