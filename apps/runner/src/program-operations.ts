import { type Command, InvalidArgumentError } from 'commander';
import type { CommandContext, GlobalOptions } from './commands/context.js';
import { ExitCodes } from './commands/exit-code-values.js';
import { DEFAULT_SIM_PORT_BASE, DEFAULT_SIM_SEED, SANDBOX_SPEEDUP } from './commands/operation-defaults.js';
import { SLICES_IN_FLIGHT_NOTICE, stopsWith } from './commands/stop-notice.js';
import { parseSize, type SizeSetting } from './simulators/size-setting.js';

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

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const collectSize = (value: string, previous: SizeSetting[] = []): SizeSetting[] => {
  const size = parseSize(value);
  if (size === null)
    throw new InvalidArgumentError('expected <source>.<name>=<whole number>, e.g. nih.weeks=60.');
  return [...previous, size];
};

/** `daemon`, `worker`, `sim` and `sandbox`: the commands that keep running or run a whole cycle. */
export function registerOperations(program: Command, deps: OperationsDeps): void {
  const { ctx, act, globals, examples } = deps;

  stopsWith(program.command('daemon'), SLICES_IN_FLIGHT_NOTICE)
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

  stopsWith(program.command('worker'), SLICES_IN_FLIGHT_NOTICE)
    .description(
      'Work as one of a fleet sharing one store (Postgres) and one limiter (Redis): the worker holding the leader lease ticks the schedule and the sensor and creates runs; every worker takes partitions of the runs going, each leased to it, and takes over those of a worker that died once its leases run out. Ctrl-C (or SIGTERM) stops after the slices in flight; a second signal aborts them.',
    )
    .option(
      '--poll <seconds>',
      `how often to look for runs to join and partitions to take over (default 2)`,
      integer(1, 3600),
    )
    .addHelpText(
      'after',
      `${examples('freshet worker', 'FRESHET_LOG_LEVEL=debug freshet worker --poll 5')}
Run one per host (or several): any number share the work. Logs are pino JSON lines on stderr (info by default).
`,
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/worker.js')).workerCommand(ctx, globals(command), flags),
      ),
    );

  stopsWith(program.command('sim'), 'stopping the simulators')
    .description(
      "Run an API simulator for each configured source (the first-party sources when no configuration is found; more with --companion) on 127.0.0.1 until Ctrl-C, and print a configuration that uses them. A source's simulator comes from its companion: a --companion module's, its package's ./testing export, or the first-party one.",
    )
    .option(
      '--port-base <n>',
      `first port: each first-party simulator on its own port from n (whichever are served), any other after theirs, the counts after the last; 0 picks free ports (default ${DEFAULT_SIM_PORT_BASE})`,
      integer(0, 65_532),
    )
    .option('--seed <s>', `dataset seed (default ${DEFAULT_SIM_SEED})`, integer(0, 2 ** 31 - 1))
    .option(
      '--size <source.name=n>',
      "a dataset size, e.g. nih.weeks=60 or sam_gov.entities=70000 (repeatable); a wrong name lists the source's sizes",
      collectSize,
    )
    .option(
      '--companion <module>',
      'also simulate the source of this companion module, or use it for a configured source: a package (freshet-source-sbir/testing) or a path (repeatable)',
      collect,
    )
    .option(
      '--counts-every <seconds>',
      'also print the request counts this often while they change (they always print at Ctrl-C)',
      integer(1, 86_400),
    )
    .option(
      '--print-config',
      'print only the configuration that uses the simulators on stdout (the rest goes to stderr), to redirect it into a file',
    )
    .addHelpText(
      'after',
      `${examples('freshet sim', 'freshet sim --print-config > config/freshet.sim.config.ts', 'freshet sim --port-base 9100 --seed 7', 'freshet sim --size sam_gov.entities=70000 --counts-every 60', 'freshet sim --companion ./examples/source-sbir/dist/testing.js')}
Counts of requests, 429s and violations per API: GET http://127.0.0.1:<port-base + number of simulators>/stats, and on stderr at Ctrl-C.
`,
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/sim.js')).simCommand(ctx, globals(command), flags),
      ),
    );

  stopsWith(program.command('sandbox'), SLICES_IN_FLIGHT_NOTICE)
    .description(
      `One full cycle offline in seconds for the configured sources (the first-party ones when no configuration is found): simulators in-process, store in data/sandbox/, quotas sped up ×${SANDBOX_SPEEDUP}. Each cycle is a simulated day after the last, with upstream data changed.`,
    )
    .option('--reset', 'delete the sandbox (data/sandbox/) first and start over')
    .option('--dir <path>', 'where the sandbox keeps its store and state (default data/sandbox)')
    .option(
      '--companion <module>',
      'also run the source of this companion module against its simulator, or use it for a configured source: a package or a path (repeatable)',
      collect,
    )
    .allowExcessArguments()
    .addHelpText(
      'after',
      examples(
        'freshet sandbox',
        'freshet sandbox --reset',
        'pnpm start -- --reset',
        'pnpm start -- --companion ./examples/source-sbir/dist/testing.js',
      ),
    )
    .action(
      act(async (flags: { reset?: boolean; dir?: string; companion?: string[] }, command: Command) => {
        // `pnpm start -- --reset` hands the flags over after a `--`, where they arrive as operands.
        const operands = sandboxOperands(command.args);
        if ('unexpected' in operands) {
          const { printerFor } = await import('./commands/context.js');
          printerFor(ctx).err(
            `error: unexpected argument(s) ${operands.unexpected.join(' ')} (add --help for usage)`,
          );
          return ExitCodes.USAGE;
        }
        const reset = flags.reset === true || operands.reset;
        const companion = [...(flags.companion ?? []), ...operands.companion];
        const { sandboxCommand } = await import('./commands/sandbox.js');
        return sandboxCommand(ctx, globals(command), { ...flags, reset, companion });
      }),
    );
}

/** The sandbox's flags as operands (after `--`): `--reset` and `--companion <module>`. */
function sandboxOperands(
  args: readonly string[],
): { reset: boolean; companion: string[] } | { unexpected: string[] } {
  const result = { reset: false, companion: [] as string[] };
  const unexpected: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === '--reset') result.reset = true;
    else if (arg === '--companion' && next !== undefined && !next.startsWith('--')) {
      result.companion.push(next);
      i++;
    } else if (arg.startsWith('--companion=')) result.companion.push(arg.slice('--companion='.length));
    else unexpected.push(arg);
  }
  return unexpected.length > 0 ? { unexpected } : result;
}
