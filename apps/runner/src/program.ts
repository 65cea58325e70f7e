import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CommandContext, GlobalOptions } from './commands/context.js';
import { ExitCodes } from './commands/exit-code-values.js';
import { LOG_LEVELS } from './commands/log-levels.js';
import { RUN_STATUSES } from './commands/run-statuses.js';
import { addScopeOptions } from './commands/scope-options.js';
import { SLICES_IN_FLIGHT_NOTICE, stopNoticeOf, stopsWith } from './commands/stop-notice.js';
import { registerOperations } from './program-operations.js';
import { registerServe } from './program-serve.js';
import { runnerVersion } from './version.js';

// Only commander and this command table load at start-up (`freshet --help` stays quick): each
// action imports its command, and with it the store, the sources or the UI, when it runs.

// Core's escapeControlChars, inlined: loading core here would slow `freshet --help` several times over.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const escapeControlChars = (text: string) =>
  text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
};

/**
 * The `freshet` command line. Every action stores its exit code through `setExit`; commander
 * throws (instead of exiting) on bad usage, which `runCli` turns into exit code 2.
 */
export function buildProgram(ctx: CommandContext, setExit: (code: number) => void): Command {
  const program = new Command('freshet')
    .description(
      'Keeps enrichment data from federal award APIs fresh: partitioned, rate-limited, checkpointed re-fetching.',
    )
    .option(
      '-c, --config <path>',
      'the configuration file (default: config/freshet.config.* or freshet.config.*)',
    )
    .addOption(
      new Option(
        '--log-level <level>',
        'log level of the JSON logs on stderr (env FRESHET_LOG_LEVEL)',
      ).choices(LOG_LEVELS),
    )
    .version(runnerVersion(), '-V, --version', 'print the version of freshet and exit')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      // Commander quotes a bad value as typed; its control bytes must not reach the terminal.
      writeErr: (text) => ctx.io.stderr.write(escapeControlChars(text)),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `${examples(
        'freshet plan',
        'freshet run --source nih --window 2025-W10..2025-W14',
        'freshet status --json',
        'freshet assets report bulk_enrichment --status success',
      )}
Exit codes: 0 ok, 1 some partitions failed, 2 bad usage or configuration, 3 refused (sensor paused, another run going, state artifact mismatch).
`,
    );

  // What Ctrl-C does depends on the command: those that wait for something say what (stopsWith).
  program.hook('preAction', (_program, action) => ctx.setStopNotice?.(stopNoticeOf(action)));

  const globals = (command: Command): GlobalOptions => command.optsWithGlobals() as GlobalOptions;
  const act =
    <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      setExit(await fn(...args));
    };

  addScopeOptions(stopsWith(program.command('run'), SLICES_IN_FLIGHT_NOTICE))
    .description(
      'Run now: resumable and SLA-breached partitions first, then never-run ones, within the daily quota.',
    )
    .option(
      '--force',
      'also run fresh partitions, and run even while the sensor is paused (the run records it)',
    )
    .option('--json', 'print the run summary as JSON')
    .addHelpText(
      'after',
      examples(
        'freshet run',
        'freshet run --source nih --window 2025-W10..2025-W14',
        'freshet run --partition nih:project_week_2025-W12 --partition nih:project_week_2025-W13',
        'freshet run --source usaspending --force --json',
      ),
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/run.js')).runCommand(ctx, globals(command), flags),
      ),
    );

  addScopeOptions(program.command('plan'))
    .description('Show what `freshet run` with the same flags would do, and why, without running it.')
    .option('--force', 'include fresh partitions, as `run --force` would')
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      examples(
        'freshet plan',
        'freshet plan --source sam_gov --json',
        'freshet plan --window 2025-01..2025-03 --force',
      ),
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/plan.js')).planCommand(ctx, globals(command), flags),
      ),
    );

  program
    .command('status')
    .description(
      'Sensor, schedule, state artifact, recent runs, and freshness per source with the worst SLA gaps.',
    )
    .option('--json', 'print the status as JSON')
    .addHelpText('after', examples('freshet status', 'freshet status --json'))
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/status.js')).statusCommand(ctx, globals(command), flags),
      ),
    );

  const runs = program.command('runs').description('Past runs: list them, or show one with its partitions.');
  runs
    .command('list')
    .description('List runs, newest first.')
    .option('-n, --limit <n>', 'at most this many runs (default 20)', positiveInt)
    .addOption(new Option('--status <status>', 'only runs with this status').choices(RUN_STATUSES))
    .option('--json', 'print the runs as JSON')
    .addHelpText('after', examples('freshet runs list', 'freshet runs list --status failed --limit 5'))
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/runs.js')).runsListCommand(ctx, globals(command), flags),
      ),
    );
  runs
    .command('show')
    .description('Show one run: trigger, status, totals, per-partition results and the SLA gaps it closed.')
    .argument('<id>', 'a run id from `freshet runs list`')
    .option('--json', 'print the run as JSON')
    .addHelpText('after', examples('freshet runs show run_20250320T020000Z_3f9a1c'))
    .action(
      act(async (id: string, flags, command: Command) =>
        (await import('./commands/runs.js')).runsShowCommand(ctx, globals(command), id, flags),
      ),
    );

  program
    .command('changes')
    .description(
      'The change feed as JSON Lines: records a run created, changed (with the fields) or found gone. Unchanged records are counted in `freshet runs show`, not listed.',
    )
    .option('--run <id>', "one run's changes (a run id from `freshet runs list`)")
    .option(
      '--since <time|run>',
      'every change since a time (2025-03-20, 2025-03-20T02:00:00Z) or since a run started',
    )
    .option('--source <id>', 'only records of this source')
    .option('--partition <key>', 'only records of this partition (source:cohort)')
    .option(
      '--store <path>',
      'read this SQLite store file instead of the configured store (the sandbox’s: data/sandbox/freshet.sqlite)',
    )
    .addHelpText(
      'after',
      examples(
        'freshet changes --run run_20250320T020000Z_3f9a1c',
        'freshet changes --since 2025-03-20 --source nih',
        'freshet changes --since run_20250320T020000Z_3f9a1c | jq -c \'select(.kind == "changed")\'',
      ),
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/changes.js')).changesCommand(ctx, globals(command), flags),
      ),
    );

  stopsWith(program.command('export'), 'stopping the export; the file at --out is left as it was')
    .description(
      "Write a source's stored records to a JSON Lines, CSV or Parquet file, streamed with flat memory: source, partition, key, revision, first seen, updated at, the source's declared payload columns (CSV, Parquet) and the whole payload as JSON. The file is replaced only once the export is complete.",
    )
    .requiredOption('--source <id>', 'the source whose records to export, e.g. nih')
    .option(
      '--partition <key>',
      'only this partition, e.g. nih:project_week_2025-W12 (repeat for several)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--changed-since <time-or-run>',
      'only records created or changed since this ISO 8601 time, or since this run started (a run id)',
    )
    .addOption(
      new Option('--format <format>', 'the file format')
        .choices(['jsonl', 'csv', 'parquet'])
        .makeOptionMandatory(),
    )
    .requiredOption('--out <path>', 'the file to write (replaced when the export completes)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      examples(
        'freshet export --source nih --format parquet --out nih.parquet',
        'freshet export --source usaspending --partition usaspending:award_year_2025 --format csv --out awards.csv',
        'freshet export --source nih --changed-since run_20250320T020000Z_3f9a1c --format jsonl --out changed.jsonl',
        'freshet export --source sam_gov --changed-since 2025-03-20T00:00:00Z --format jsonl --out sam.jsonl',
      ),
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/export.js')).exportCommand(ctx, globals(command), flags),
      ),
    );

  const assets = program.command('assets').description('Upstream assets the sensor watches.');
  assets
    .command('report')
    .description('Record that an upstream asset (a bulk enrichment) succeeded or failed.')
    .argument('<asset>', 'the asset name, e.g. bulk_enrichment')
    .addOption(
      new Option('--status <status>', 'what happened').choices(['success', 'failure']).makeOptionMandatory(),
    )
    .option('-m, --message <text>', 'what went wrong (shown as the reason the sensor paused)')
    .option('--json', 'print the event and the sensor status as JSON')
    .addHelpText(
      'after',
      examples(
        'freshet assets report bulk_enrichment --status success',
        'freshet assets report bulk_enrichment --status failure --message "SAM extract truncated"',
      ),
    )
    .action(
      act(async (asset: string, flags, command: Command) =>
        (await import('./commands/assets.js')).assetsReportCommand(ctx, globals(command), asset, flags),
      ),
    );

  const sensor = program.command('sensor').description('The sensor that watches the upstream assets.');
  sensor
    .command('status')
    .description('Show whether the sensor is waiting, active or paused, and why.')
    .option('--json', 'print the sensor as JSON')
    .addHelpText('after', examples('freshet sensor status'))
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/sensor.js')).sensorStatusCommand(ctx, globals(command), flags),
      ),
    );

  const checkpoint = program
    .command('checkpoint')
    .description('Partition checkpoints and the state artifact (data/state/enrichment_refresh_state.json).');
  checkpoint
    .command('show')
    .description("Show a partition's checkpoint: status, cursor, counts, lease and ledger totals.")
    .argument('<partition>', 'a partition key, e.g. nih:project_week_2025-W12')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('freshet checkpoint show nih:project_week_2025-W12'))
    .action(
      act(async (key: string, flags, command: Command) =>
        (await import('./commands/checkpoint.js')).checkpointShowCommand(ctx, globals(command), key, flags),
      ),
    );
  checkpoint
    .command('validate')
    .description('Check the state artifact against the store (exit 3 on a mismatch).')
    .argument('[partition]', "also compare this partition's checkpoint with its entry in the artifact")
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      examples('freshet checkpoint validate', 'freshet checkpoint validate nih:project_week_2025-W12'),
    )
    .action(
      act(async (key: string | undefined, flags, command: Command) =>
        (await import('./commands/checkpoint.js')).checkpointValidateCommand(
          ctx,
          globals(command),
          key,
          flags,
        ),
      ),
    );
  checkpoint
    .command('reset')
    .description("Forget a partition's checkpoint so the next run starts it from the beginning.")
    .argument('<partition>', 'a partition key, e.g. nih:project_week_2025-W12')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      examples(
        'freshet checkpoint reset nih:project_week_2025-W12',
        'freshet checkpoint reset sam_gov:uei_batch_0007 --yes',
      ),
    )
    .action(
      act(async (key: string, flags, command: Command) =>
        (await import('./commands/checkpoint.js')).checkpointResetCommand(ctx, globals(command), key, flags),
      ),
    );
  checkpoint
    .command('reconcile')
    .description('Rebuild the state artifact from the store (the old file is kept as .bak).')
    .option('--json', 'print as JSON')
    .addHelpText('after', examples('freshet checkpoint reconcile'))
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/checkpoint.js')).checkpointReconcileCommand(ctx, globals(command), flags),
      ),
    );

  const storeGroup = program
    .command('store')
    .description(
      'The store itself: its schema, and copying it to another store (SQLite to Postgres and back).',
    );
  storeGroup
    .command('migrate')
    .description(
      "Bring the configured store's schema to this Freshet's version. Commands that do work migrate the embedded SQLite store themselves; a Postgres store is migrated by this command (once, before the workers start).",
    )
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      examples('freshet store migrate', 'FRESHET_DATABASE_URL=postgres://… freshet store migrate'),
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/store.js')).storeMigrateCommand(ctx, globals(command), flags),
      ),
    );
  storeGroup
    .command('copy')
    .description(
      'Copy every row of the configured store into another store, then compare the row counts of every table. An interrupted copy goes on where it stopped when run again; a target holding other data is refused unless --replace. Stop the workers, daemon and runs first.',
    )
    .requiredOption('--to <url-or-path>', 'the target: a postgres:// URL, or the path of an SQLite file')
    .option('--replace', 'empty a target that holds other data first')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      examples(
        'freshet store copy --to postgres://freshet@db.internal:5432/freshet',
        'freshet --config config/freshet.pg.config.ts store copy --to data/freshet.sqlite --replace',
      ),
    )
    .action(
      act(async (flags, command: Command) =>
        (await import('./commands/store.js')).storeCopyCommand(ctx, globals(command), flags),
      ),
    );

  program
    .command('init')
    .description(
      'Start a project: a freshet.config.ts for the chosen sources (keys from the environment), a .env for the keys, and data/.',
    )
    .argument('[dir]', 'where to write them (default: the working directory)')
    .option(
      '--sources <ids>',
      'the sources to configure, comma-separated: usaspending, sam_gov, nih, patentsview (default: all four)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--force', 'replace files that exist')
    .addHelpText('after', examples('freshet init', 'freshet init my-project --sources nih,usaspending'))
    .action(
      act(async (dir: string | undefined, flags) =>
        (await import('./commands/init.js')).initCommand(ctx, dir, flags),
      ),
    );

  program
    .command('new-source')
    .description(
      'Scaffold a source plugin package (source, simulator, conformance test, README) that passes its conformance suite as written.',
    )
    .argument(
      '<name>',
      'the source name, like acme-grants (source id acme_grants, package freshet-source-acme-grants)',
    )
    .option('--dir <path>', 'where to write the package (default: ./<name>)')
    .option('--package <name>', 'the npm package name (default: freshet-source-<name>)')
    .addHelpText(
      'after',
      examples(
        'freshet new-source acme',
        'freshet new-source acme-grants --package @acme/source-grants --dir packages/grants',
      ),
    )
    .action(
      act(async (name: string, flags) =>
        (await import('./commands/new-source.js')).newSourceCommand(ctx, name, flags),
      ),
    );

  registerOperations(program, { ctx, act, globals, examples });
  registerServe(program, { ctx, act, globals, examples });

  return program;
}

/** Runs `freshet` with `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], ctx: CommandContext): Promise<number> {
  let exitCode: number = ExitCodes.OK;
  const program = buildProgram(ctx, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are answers, not errors; everything else commander refuses is usage.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return ExitCodes.OK;
      if (err.code === 'commander.help') return argv.length === 0 ? ExitCodes.USAGE : ExitCodes.OK;
      return ExitCodes.USAGE;
    }
    throw err;
  }
  return exitCode;
}
