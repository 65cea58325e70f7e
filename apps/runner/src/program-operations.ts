import { type Command, InvalidArgumentError } from 'commander';
import type { CommandContext, GlobalOptions } from './commands/context.js';
import { ExitCodes } from './commands/exit-code-values.js';
import { DEFAULT_SIM_PORT_BASE, DEFAULT_SIM_SEED, SANDBOX_SPEEDUP } from './commands/operation-defaults.js';

type Act = <A extends unknown[]>(fn: (...args: A) => Promise<number>) => (...args: A) => Promise<void>;

export interface OperationsDeps {
  ctx: CommandContext;
  act: Act;
  globals(command: Command): GlobalOptions;
  examples(...lines: string[]): string;
}

const integer =
  (min: number, max: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };

/** `daemon`, `sim` and `sandbox`: the commands that keep running or run a whole cycle. */
export function registerOperations(program: Command, deps: OperationsDeps): void {
  const { ctx, act, globals, examples } = deps;

  program
    .command('daemon')
    .description(
      'Tick the sensor (every sensor.intervalSeconds) and the schedule (cron), starting runs in the background. Ctrl-C (or SIGTERM) stops after the slices in flight; a second signal aborts them.',
    )
    .option('--once', 'tick once, wait for the run it starts, and exit with its code (for cron)')
    .option('--ui', 'also serve the web UI, as `freshet serve` does')
    .option(
      '--host <address>',
      'with --ui: address to listen on (default 127.0.0.1); beyond loopback a token is required',
    )
    .option('--port <n>', 'with --ui: port (default 4280; 0 picks a free one)', integer(0, 65_535))
    .option(
      '--token <token>',
      'with --ui: require this token on every request (default: env FRESHET_UI_TOKEN)',
    )
    .addHelpText(
      'after',
      `${examples('freshet daemon', 'freshet daemon --ui', 'freshet daemon --log-level debug', 'freshet daemon --once')}
One daemon per store: a second one exits with code 3. Logs are pino JSON lines on stderr (info by default).
`,
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/daemon.js')).daemonCommand(ctx, globals(command), flags),
      ),
    );

  program
    .command('sim')
    .description(
      'Run the SAM.gov, USAspending, NIH RePORTER and PatentsView simulators on 127.0.0.1 until Ctrl-C, and print a configuration that uses them.',
    )
    .option(
      '--port-base <n>',
      `first port: nih n, sam_gov n+1, usaspending n+2, patentsview n+3; 0 picks free ports (default ${DEFAULT_SIM_PORT_BASE})`,
      integer(0, 65_532),
    )
    .option('--seed <s>', `dataset seed (default ${DEFAULT_SIM_SEED})`, integer(0, 2 ** 31 - 1))
    .option('--nih-weeks <n>', 'NIH: ISO weeks of projects (default 8)', integer(1, 520))
    .option('--nih-projects-per-week <n>', 'NIH: projects per week (default 150)', integer(0, 15_000))
    .option('--sam-entities <n>', 'SAM.gov: registered entities (default 1,000)', integer(1, 1_000_000))
    .option('--usaspending-fiscal-years <n>', 'USAspending: fiscal years (default 3)', integer(1, 18))
    .option(
      '--usaspending-awards-per-year <n>',
      'USAspending: awards per fiscal year and award type group (default: 240 contracts, 180 grants, …)',
      integer(0, 200_000),
    )
    .option('--patentsview-months <n>', 'PatentsView: grant months (default 3)', integer(1, 240))
    .option(
      '--patentsview-patents-per-month <n>',
      'PatentsView: patents per month (default 1,200)',
      integer(0, 100_000),
    )
    .option(
      '--counts-every <seconds>',
      'also print the request counts this often while they change (they always print at Ctrl-C)',
      integer(1, 86_400),
    )
    .addHelpText(
      'after',
      `${examples('freshet sim', 'freshet sim --port-base 9100 --seed 7', 'freshet sim --sam-entities 70000 --counts-every 60')}
Counts of requests, 429s and violations per API: GET http://127.0.0.1:<port-base + 4>/stats, and on stderr at Ctrl-C.
`,
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/sim.js')).simCommand(ctx, globals(command), flags),
      ),
    );

  program
    .command('sandbox')
    .description(
      `One full cycle offline in seconds: simulators in-process, store in data/sandbox/, quotas sped up ×${SANDBOX_SPEEDUP}. Each cycle is a simulated day after the last, with upstream data changed.`,
    )
    .option('--reset', 'delete the sandbox (data/sandbox/) first and start over')
    .option('--dir <path>', 'where the sandbox keeps its store and state (default data/sandbox)')
    .allowExcessArguments()
    .addHelpText('after', examples('freshet sandbox', 'freshet sandbox --reset', 'pnpm start -- --reset'))
    .action(
      act(async (flags: { reset?: boolean; dir?: string }, command: Command) => {
        // `pnpm start -- --reset` hands the flag over after a `--`, where it arrives as an operand.
        const extra = command.args.filter((arg) => arg !== '--reset');
        if (extra.length > 0) {
          const { printerFor } = await import('./commands/context.js');
          printerFor(ctx).err(`error: unexpected argument(s) ${extra.join(' ')} (add --help for usage)`);
          return ExitCodes.USAGE;
        }
        const reset = flags.reset === true || command.args.includes('--reset');
        const { sandboxCommand } = await import('./commands/sandbox.js');
        return sandboxCommand(ctx, globals(command), { ...flags, reset });
      }),
    );
}
