import { flushNotifications } from '../notify/notification-service.js';
import { crashHookFromEnv } from '../runs/crash-hook.js';
import { executeRun } from '../runs/execute-run.js';
import type { RunSummary } from '../runs/types.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { printRunSummary } from './format-run.js';
import { withProject } from './handle.js';
import { createRunProgress, printLeftOut } from './progress.js';
import { type ScopeFlags, scopeOf } from './scope-options.js';

/**
 * `freshet run`: a manual run of the scope. --force also runs fresh partitions and overrides
 * a paused sensor (the run records the override).
 */
export function runCommand(ctx: CommandContext, globals: GlobalOptions, flags: ScopeFlags): Promise<number> {
  return withProject(ctx, globals, async ({ store, config, logger, clock, print, limiters }) => {
    const onArtifactStep = crashHookFromEnv(ctx.env);
    const progress = flags.json ? null : createRunProgress(print);
    let summary: RunSummary;
    try {
      summary = await executeRun({
        store,
        config,
        trigger: 'manual',
        scope: scopeOf(flags),
        overridePause: flags.force === true,
        clock,
        logger,
        limiters: await limiters(),
        ...(progress ? { onEvent: progress.onEvent } : {}),
        ...(ctx.signals ? { stopSignal: ctx.signals.stop, abortSignal: ctx.signals.abort } : {}),
        ...(ctx.http ? { http: ctx.http } : {}),
        ...(onArtifactStep ? { onArtifactStep } : {}),
      });
    } finally {
      progress?.stop();
    }
    await flushNotifications({ store, config, clock, logger });
    if (flags.json) {
      print.json(summary);
      // The progress (off with --json) warned of the sources the scope left out; say it here.
      if (summary.plan) printLeftOut(print, summary.plan);
    } else printRunSummary(print, summary);
    return exitCodeForRun(summary);
  });
}

export function exitCodeForRun(summary: RunSummary): number {
  switch (summary.status) {
    case 'succeeded':
    case 'duplicate':
      return ExitCodes.OK;
    case 'refused':
      return ExitCodes.REFUSED;
    default:
      return ExitCodes.PARTITIONS_FAILED;
  }
}
