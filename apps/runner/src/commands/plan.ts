import { plan } from '../planner/plan.js';
import type { Plan, PlanEntry } from '../planner/types.js';
import { refreshSensor } from '../sensor/sensor.js';
import type { CommandContext, GlobalOptions } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { formatMs, table } from './format.js';
import { withProject } from './handle.js';
import type { Printer } from './io.js';
import { printPlanJson } from './plan-json.js';
import { describePlan, printLeftOut } from './progress.js';
import { type ScopeFlags, scopeOf } from './scope-options.js';

/** `freshet plan`: what `freshet run` with the same flags would do, without doing it. */
export function planCommand(ctx: CommandContext, globals: GlobalOptions, flags: ScopeFlags): Promise<number> {
  return withProject(
    ctx,
    globals,
    async ({ store, config, clock, print }) => {
      const result = await plan({
        store,
        sources: config.sources,
        scope: scopeOf(flags),
        now: clock.now(),
        schedule: config.schedule,
        rootDir: config.rootDir,
      });
      if (flags.json) {
        await printPlanJson(print, result);
        printLeftOut(print, result);
        return ExitCodes.OK;
      }
      printPlan(print, result);
      const sensor = await refreshSensor({ store, upstreamAssets: config.sensor.upstreamAssets, clock });
      if (sensor.state.status === 'paused') {
        print.err(
          `note: the sensor is paused (${sensor.state.reason}); \`freshet run\` refuses until it is lifted, or with --force`,
        );
      }
      return ExitCodes.OK;
    },
    'read',
  );
}

export function printPlan(print: Printer, result: Plan): void {
  print.out(describePlan(result));
  printLeftOut(print, result);
  for (const problem of result.problems) print.err(`warning: ${problem.source} ${problem.message}`);
  const shown = result.entries.filter((e) => e.action !== 'skipped');
  if (shown.length > 0) {
    print.out();
    for (const line of table([
      ['#', 'partition', 'reason', 'action', 'est. calls', 'detail'],
      ...shown.map((e, i) => [
        String(i + 1),
        e.partitionKey,
        e.reason,
        e.action,
        `~${e.estimatedCalls}`,
        detail(e),
      ]),
    ])) {
      print.out(line);
    }
  }
  const skipped = result.entries.filter((e) => e.action === 'skipped');
  if (skipped.length > 0) {
    const fresh = skipped.filter((e) => e.reason === 'fresh').length;
    const leased = skipped.length - fresh;
    print.out();
    print.out(
      `skipped: ${fresh} fresh (within their SLA; --force runs them)${leased > 0 ? `, ${leased} leased by another run` : ''}`,
    );
  }
  const budgets = result.sources.filter((s) => s.dailyBudget !== null);
  if (budgets.length > 0) {
    print.out();
    print.out('daily quota today (UTC):');
    for (const line of table(
      budgets.map((s) => [
        s.source,
        `${s.remainingToday} of ${s.dailyBudget} left`,
        `plan uses ~${s.plannedCalls}`,
        s.deferredCalls > 0 ? `~${s.deferredCalls} deferred` : '',
        s.backlogClearsOn ? `backlog clears on ${s.backlogClearsOn}` : '',
      ]),
    )) {
      print.out(line);
    }
    for (const s of budgets) if (s.warning) print.err(`warning: ${s.source} ${s.warning}`);
  }
}

function detail(entry: PlanEntry): string {
  const parts: string[] = [];
  if (entry.reason === 'resumable' && entry.checkpoint) {
    parts.push(`${entry.checkpoint.status}, cursor ${JSON.stringify(entry.checkpoint.cursor)}`);
  }
  if (entry.slaGap?.overdueMs !== null && entry.slaGap?.overdueMs !== undefined) {
    parts.push(`overdue ${formatMs(entry.slaGap.overdueMs)}, ${entry.slaGap.staleRecords} stale records`);
  }
  if (entry.note) parts.push(entry.note);
  return parts.join('; ');
}
