import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openSandbox, type SandboxSession } from '../sandbox/open-sandbox.js';
import { runSandboxCycle } from '../sandbox/run-cycle.js';
import { SANDBOX_DIR } from '../sandbox/sandbox-config.js';
import { trackSourceSpans } from '../sandbox/source-spans.js';
import { summarizeBySource } from '../sandbox/summary-table.js';
import { selectCompanions } from '../simulators/configured-companions.js';
import { type CommandContext, clockFromEnv, type GlobalOptions, printerFor } from './context.js';
import { displayPath } from './display-path.js';
import { ExitCodes } from './exit-codes.js';
import { reportError } from './handle.js';
import { createCliLogger, logLevelOf } from './logger.js';
import { SANDBOX_SPEEDUP } from './operation-defaults.js';
import { exitCodeForRun } from './run.js';
import {
  printNextCycle,
  printPlan,
  printSandboxHeader,
  printSandboxSummary,
  printSensorStep,
} from './sandbox-output.js';
import { createSourceProgress } from './source-progress.js';

export interface SandboxFlags {
  reset?: boolean;
  dir?: string;
  speedup?: number;
  /** Companion modules (package or path) whose sources join the configured ones or replace theirs. */
  companion?: string[];
}

export { SANDBOX_SPEEDUP };

/**
 * `freshet sandbox` (`pnpm start`): one full cycle offline. The simulators of the configured
 * sources (the first-party ones without a configuration) and of any `--companion`, found
 * through their companions, in-process, their sources pointed at them, the upstream asset
 * reported, the sensor ticking and starting the run, the plan, progress, the state artifact and
 * a summary per source. Each cycle is one simulated day
 * and one upstream generation after the last, so the next shows what an incremental run does.
 */
export async function sandboxCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: SandboxFlags,
): Promise<number> {
  const print = printerFor(ctx);
  const baseClock = ctx.clock ?? clockFromEnv(ctx.env);
  const startedAt = baseClock.now().getTime();
  const dir = resolve(ctx.cwd, flags.dir ?? SANDBOX_DIR);
  let session: SandboxSession | undefined;
  try {
    if (flags.reset) {
      await rm(dir, { recursive: true, force: true });
      print.out(`reset: removed ${displayPath(ctx.cwd, dir)}`);
    }
    const { companions, origin } = await selectCompanions(ctx, globals, print, flags.companion ?? []);
    session = await openSandbox({ dir, speedup: flags.speedup ?? SANDBOX_SPEEDUP, baseClock, companions });
    printSandboxHeader(print, session, ctx.cwd, origin);
    const logger = createCliLogger({
      level: logLevelOf(globals.logLevel, ctx.env),
      stream: ctx.io.stderr,
      redact: print.redact,
    });
    const progress = createSourceProgress(print);
    const spans = trackSourceSpans(session.clock);
    let result: Awaited<ReturnType<typeof runSandboxCycle>>;
    try {
      result = await runSandboxCycle(session, {
        logger,
        onSensor: (sensor, event) => printSensorStep(print, sensor, event),
        onEvent(event) {
          if (event.type === 'plan') printPlan(print, event.plan);
          spans.onEvent(event);
          progress.onEvent(event);
        },
        ...(ctx.signals ? { stopSignal: ctx.signals.stop, abortSignal: ctx.signals.abort } : {}),
        ...(ctx.http ? { http: ctx.http } : {}),
      });
    } finally {
      progress.stop();
    }
    const { summary } = result;
    if (summary === null) {
      print.err('error: the sensor started no run (no new upstream success?)');
      return ExitCodes.PARTITIONS_FAILED;
    }
    const sources = session.config.sources.map((s) => s.source.id);
    const rows = summarizeBySource(summary, sources, spans.durations());
    printSandboxSummary(print, session, summary, rows, ctx.cwd);
    if (summary.status === 'succeeded') {
      printNextCycle(print, session.config, session.generation, baseClock.now().getTime() - startedAt);
    }
    return exitCodeForRun(summary);
  } catch (err) {
    return reportError(print, err);
  } finally {
    await session?.close().catch(() => {});
  }
}
