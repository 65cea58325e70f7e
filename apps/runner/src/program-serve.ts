import { type Command, InvalidArgumentError } from 'commander';
import { stopsWith } from './commands/stop-notice.js';
import type { OperationsDeps } from './program-operations.js';
import { DEFAULT_UI_HOST, DEFAULT_UI_PORT, UI_TOKEN_ENV } from './ui/ui-defaults.js';

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('expected a port from 0 to 65535.');
  return n;
};

/** `freshet serve`: the web UI. */
export function registerServe(program: Command, deps: OperationsDeps): void {
  const { ctx, act, globals, examples } = deps;
  stopsWith(program.command('serve'), 'stopping the UI server')
    .description(
      'Serve the web UI: overview, sources with their partitions, runs, upstream assets, and a form that launches a manual run.',
    )
    .option(
      '--host <address>',
      `address to listen on (default ${DEFAULT_UI_HOST}); beyond loopback a token is required`,
    )
    .option('--port <n>', `port (default ${DEFAULT_UI_PORT}; 0 picks a free one)`, port)
    .option(
      '--token <token>',
      `require this token on every request (default: env ${UI_TOKEN_ENV}); at least 16 characters`,
    )
    .addHelpText(
      'after',
      `${examples('freshet serve', 'freshet serve --port 8080', `${UI_TOKEN_ENV}=$(openssl rand -hex 16) freshet serve --host 0.0.0.0`)}
With a token, log in once with /?token=<token> (a cookie keeps the session), or send "Authorization: Bearer <token>".
Prefer ${UI_TOKEN_ENV} to --token: a flag shows in the process list.
`,
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/serve.js')).serveCommand(ctx, globals(command), flags),
      ),
    );
}
