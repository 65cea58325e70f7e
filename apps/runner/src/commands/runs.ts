import { ErrorCodes, FreshetError, type RunStatus } from '@freshet/core';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { formatMs, formatTime, table } from './format.js';
import { describeRunRow, describeTotals, printPartitionRows, printSlaGapsClosed } from './format-run.js';
import { withProject } from './handle.js';
import { RUN_STATUSES } from './run-statuses.js';

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
    async ({ store, print }) => {
      const runs = await store.listRuns({
        limit: flags.limit ?? 20,
        ...(flags.status ? { status: flags.status } : {}),
      });
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
    async ({ store, print }) => {
      const run = await store.getRun(id);
      if (run === null) {
        throw new FreshetError(
          ErrorCodes.CONFIG_INVALID,
          `there is no run ${JSON.stringify(id)} in this store; \`freshet runs list\` shows the run ids`,
        );
      }
      const partitions = await store.listRunPartitions(id);
      if (flags.json) {
        print.json({ ...run, partitions });
        return ExitCodes.OK;
      }
      const metadata = (run.metadata ?? {}) as Record<string, unknown>;
      print.out(`run ${run.id}`);
      print.out(`  trigger:  ${run.trigger}${run.runKey ? ` (run key ${run.runKey})` : ''}`);
      print.out(`  status:   ${run.status}`);
      print.out(
        `  started:  ${formatTime(run.startedAt)}${run.finishedAt ? `, took ${formatMs(run.finishedAt.getTime() - run.startedAt.getTime())}` : ''}`,
      );
      print.out(`  scope:    ${JSON.stringify(run.scope)}`);
      if (run.error) print.out(`  error:    ${run.error.code}: ${run.error.message}`);
      const override = metadata.pauseOverride as { reason?: string } | null | undefined;
      if (override) print.out(`  overrode a paused sensor: ${override.reason}`);
      const totals = metadata.totals as Parameters<typeof describeTotals>[0] | null | undefined;
      if (totals) print.out(`  totals:   ${describeTotals(totals)}`);
      if (partitions.length > 0) {
        print.out('partitions:');
        printPartitionRows(print, partitions);
      }
      const gaps = partitions.flatMap((p) => (p.slaGapClosed ? [p.slaGapClosed] : []));
      printSlaGapsClosed(print, gaps as unknown as Parameters<typeof printSlaGapsClosed>[1]);
      return ExitCodes.OK;
    },
    'read',
  );
}
