import { ErrorCodes, FreshetError, type RunStatus } from '@freshet/core';
import { RUN_STATUSES } from '../views/run-statuses.js';
import { loadRunView } from '../views/run-view.js';
import { loadRuns } from '../views/runs.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { formatMs, formatTime, table } from './format.js';
import { describeRunRow, describeTotals, printPartitionRows, printSlaGapsClosed } from './format-run.js';
import { withProject } from './handle.js';

export { RUN_STATUSES };

/** `freshet runs list`: newest first. */
export function runsListCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: { limit?: number; status?: RunStatus; json?: boolean },
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async (project) => {
      const { print } = project;
      const runs = await loadRuns(project, { limit: flags.limit ?? 20, status: flags.status ?? null });
      if (flags.json) {
        print.json(runs);
        return ExitCodes.OK;
      }
      if (runs.length === 0) {
        print.out(flags.status ? `no ${flags.status} runs` : 'no runs yet; start one with `freshet run`');
        return ExitCodes.OK;
      }
      for (const line of table([
        ['id', 'trigger', 'status', 'started', 'took', 'error'],
        ...runs.map(describeRunRow),
      ])) {
        print.out(line);
      }
      return ExitCodes.OK;
    },
    'read',
  );
}

/** `freshet runs show <id>`: the run, its plan summary, per-partition results and SLA gaps closed. */
export function runsShowCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  id: string,
  flags: { json?: boolean },
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async (project) => {
      const { print } = project;
      const view = await loadRunView(project, id);
      if (view === null) {
        throw new FreshetError(
          ErrorCodes.CONFIG_INVALID,
          `there is no run ${JSON.stringify(id)} in this store; \`freshet runs list\` shows the run ids`,
        );
      }
      const { run, partitions } = view;
      if (flags.json) {
        print.json({ ...run, partitions });
        return ExitCodes.OK;
      }
      print.out(`run ${run.id}`);
      print.out(`  trigger:  ${run.trigger}${run.runKey ? ` (run key ${run.runKey})` : ''}`);
      print.out(`  status:   ${run.status}`);
      print.out(
        `  started:  ${formatTime(run.startedAt)}${run.finishedAt ? `, took ${formatMs(run.finishedAt.getTime() - run.startedAt.getTime())}` : ''}`,
      );
      print.out(`  scope:    ${JSON.stringify(run.scope)}`);
      if (run.error) print.out(`  error:    ${run.error.code}: ${run.error.message}`);
      if (view.pauseOverride) print.out(`  overrode a paused sensor: ${view.pauseOverride.reason}`);
      if (view.totals) print.out(`  totals:   ${describeTotals(view.totals)}`);
      if (partitions.length > 0) {
        print.out('partitions:');
        printPartitionRows(print, partitions);
      }
      // The gaps each partition row recorded, in the rows' order (the view prefers the run's own list).
      const gaps = partitions.flatMap((p) => (p.slaGapClosed ? [p.slaGapClosed] : []));
      printSlaGapsClosed(print, gaps as unknown as Parameters<typeof printSlaGapsClosed>[1]);
      return ExitCodes.OK;
    },
    'read',
  );
}
