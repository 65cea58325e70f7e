import type { Logger } from '@freshet/core';
import { acquireDaemonLease, daemonHolder, daemonLeaseTtlMs } from '../daemon/daemon-lease.js';
import { type DaemonLoopEnd, runDaemonLoop } from '../daemon/daemon-loop.js';
import { daemonTick } from '../daemon/daemon-tick.js';
import { describeTick } from '../daemon/describe-tick.js';
import { createRunLauncher, type RunLauncher } from '../daemon/run-launcher.js';
import { startNotificationService } from '../notify/notification-service.js';
import { EMPTY_SCOPE } from '../planner/types.js';
import { executeRun } from '../runs/execute-run.js';
import type { RunSummary } from '../runs/types.js';
import { DEFAULT_UI_HOST, startUiServer, type UiServer } from '../ui/server.js';
import { resolveUiToken } from '../ui/token.js';
import type { CommandContext, GlobalOptions, Project } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { formatMs, formatTime } from './format.js';
import { describeTotals } from './format-run.js';
import { withServiceProject } from './handle.js';
import type { Printer } from './io.js';
import { exitCodeForRun } from './run.js';

export interface DaemonFlags {
  once?: boolean;
  /** Also serve the web UI (`freshet serve`) for as long as the daemon runs. */
  ui?: boolean;
  host?: string;
  port?: number;
  token?: string;
}

// After a second signal, runs get this long to record that they were aborted.
const HARD_STOP_GRACE_MS = 5_000;

/**
 * `freshet daemon`: ticks the schedule and the sensor, starting runs in the background. The
 * first signal stops ticking and lets the run finish its slices in flight (the run is then
 * `interrupted` and the next start resumes it); a second aborts them. `--once` ticks once,
 * waits for the run it started, and exits with that run's code.
 */
export function daemonCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: DaemonFlags,
): Promise<number> {
  return withServiceProject(ctx, globals, (project) => daemon(ctx, project, flags));
}

async function daemon(ctx: CommandContext, project: Project, flags: DaemonFlags): Promise<number> {
  const once = flags.once === true;
  const { store, config, clock, logger, print } = project;
  const ttlMs = daemonLeaseTtlMs(config.sensor.intervalSeconds);
  const acquired = await acquireDaemonLease({ store, holder: daemonHolder(), ttlMs, clock });
  if ('heldBy' in acquired) {
    const { holder, expiresAt } = acquired.heldBy;
    print.err(
      `error: another freshet daemon (${holder}) is running on this store (${config.store.label}); stop it first. If that process is dead, its lease expires at ${formatTime(expiresAt)} and a new daemon can start then.`,
    );
    return ExitCodes.REFUSED;
  }
  const { lease } = acquired;
  const limiters = await project.limiters();
  const stopSignal = ctx.signals?.stop ?? new AbortController().signal;
  const abortSignal = ctx.signals?.abort;
  const summaries: RunSummary[] = [];
  const launcher = createRunLauncher({
    execute: (request) =>
      executeRun({
        store,
        config,
        scope: EMPTY_SCOPE,
        clock,
        logger,
        ...request,
        stopSignal,
        ...(abortSignal ? { abortSignal } : {}),
        ...(ctx.http ? { http: ctx.http } : {}),
        limiters,
      }),
    onFinished(summary) {
      summaries.push(summary);
      reportRun(print, logger, summary);
    },
    onError(error, request) {
      logger.error({ event: 'run-error', runKey: request.runKey, err: error }, 'run failed unexpectedly');
    },
  });

  const { cron, timezone } = config.schedule;
  logger.info(
    { event: 'daemon-start', holder: lease.holder, store: config.store.label, cron, timezone, once },
    'daemon started',
  );
  if (!once) {
    print.out(
      `freshet daemon ${lease.holder}: sensor every ${config.sensor.intervalSeconds} s, schedule "${cron}" (${timezone}), store ${config.store.label}. Ctrl-C stops after the slices in flight.`,
    );
  }

  let end: DaemonLoopEnd;
  let ui: UiServer | null = null;
  const notifications = startNotificationService({ store, config, clock, logger });
  try {
    if (flags.ui) {
      ui = await startDaemonUi(ctx, project, flags);
      print.out(`freshet UI on ${ui.url}`);
    }
    end = await runDaemonLoop({
      clock,
      intervalMs: config.sensor.intervalSeconds * 1000,
      stopSignal,
      once,
      renewLease: lease.renew,
      tick: (startUp) => daemonTick({ store, config, clock, launcher, startUp }),
      onTick(report) {
        const { message, fields } = describeTick(report);
        logger.info(fields, message);
      },
      onTickError(error) {
        logger.error({ event: 'tick-error', err: error }, 'tick failed; trying again next interval');
      },
    });
    if (end === 'lease-lost') {
      print.err(
        'error: this daemon lost its lease on the store (another daemon took it over); stopping after the run in flight',
      );
    }
    if (launcher.inFlight > 0) {
      logger.info(
        { event: 'daemon-stopping', runsInFlight: launcher.inFlight },
        'waiting for the run to end',
      );
    }
    await waitForRuns({ launcher, renew: lease.renew, ttlMs, abortSignal });
  } finally {
    await notifications.stop().catch(() => {});
    await ui?.close().catch(() => {});
    await lease.release().catch(() => {});
  }
  logger.info({ event: 'daemon-stop', end }, 'daemon stopped');

  if (end === 'lease-lost') return ExitCodes.REFUSED;
  if (abortSignal?.aborted) return ExitCodes.PARTITIONS_FAILED;
  if (end === 'once') return worstExitCode(summaries);
  const interrupted = summaries.filter((s) => s.status === 'interrupted');
  print.out(
    interrupted.length > 0
      ? `daemon stopped; run ${interrupted.map((s) => s.runId).join(', ')} interrupted: the next start resumes it from its checkpoints`
      : 'daemon stopped',
  );
  return ExitCodes.OK;
}

/**
 * Waits for the runs in flight, renewing the daemon lease meanwhile (a slice may take longer
 * than the lease). After a hard abort, waits only a moment: the process is about to exit.
 */
async function waitForRuns(options: {
  launcher: RunLauncher;
  renew: () => Promise<boolean>;
  ttlMs: number;
  abortSignal: AbortSignal | undefined;
}): Promise<void> {
  const { launcher, abortSignal } = options;
  if (launcher.inFlight === 0) return;
  const keeper = setInterval(() => void options.renew().catch(() => {}), Math.floor(options.ttlMs / 3));
  keeper.unref();
  const aborted = new Promise<void>((resolve) => {
    if (!abortSignal) return;
    const grace = () => {
      const timer = setTimeout(resolve, HARD_STOP_GRACE_MS);
      timer.unref();
    };
    if (abortSignal.aborted) grace();
    else abortSignal.addEventListener('abort', grace, { once: true });
  });
  try {
    await Promise.race([launcher.idle(), aborted]);
  } finally {
    clearInterval(keeper);
  }
}

function reportRun(print: Printer, logger: Logger, summary: RunSummary): void {
  const { runId, runKey, trigger, status, durationMs } = summary;
  logger.info(
    { event: 'run-end', runId, runKey, trigger, status, totals: summary.totals, error: summary.error },
    `run ${runId} ${status}`,
  );
  if (status === 'duplicate') return;
  const detail =
    status === 'refused'
      ? (summary.refusal?.message ?? '')
      : `${describeTotals(summary.totals)}${summary.error ? `; ${summary.error.message}` : ''}`;
  print.out(`run ${runId} (${trigger}, ${runKey}) ${status} in ${formatMs(durationMs)}: ${detail}`);
}

function worstExitCode(summaries: readonly RunSummary[]): number {
  return summaries.reduce<number>((worst, s) => Math.max(worst, exitCodeForRun(s)), ExitCodes.OK);
}

/** The web UI beside the daemon, with the same token rules as `freshet serve`. */
function startDaemonUi(ctx: CommandContext, project: Project, flags: DaemonFlags): Promise<UiServer> {
  const token = resolveUiToken(flags.token, ctx.env);
  if (token !== null) project.print.addSecrets([token]);
  return startUiServer({
    project,
    host: flags.host ?? DEFAULT_UI_HOST,
    token,
    ...(flags.port === undefined ? {} : { port: flags.port }),
    ...(ctx.http ? { http: ctx.http } : {}),
    ...(ctx.signals ? { signals: ctx.signals } : {}),
  });
}
