import { gatherStatus, type StatusReport } from '../views/status.js';
import type { CommandContext, GlobalOptions, Project } from './context.js';
import { ExitCodes } from './exit-codes.js';
import { formatMs, formatTime, table } from './format.js';
import { withProject } from './handle.js';

export type { StatusReport };

/** `freshet status`: sensor, schedule, state artifact, runs, and per-source freshness. */
export function statusCommand(
  ctx: CommandContext,
  globals: GlobalOptions,
  flags: { json?: boolean },
): Promise<number> {
  return withProject(
    ctx,
    globals,
    async (project) => {
      const report = await gatherStatus(project);
      if (flags.json) project.print.json(report);
      else printStatus(project, report);
      return ExitCodes.OK;
    },
    'read',
  );
}

function printStatus({ print, clock }: Project, report: StatusReport): void {
  const now = clock.now();
  print.out(`config: ${report.configFile ?? '(given by the caller)'}`);
  print.out(`store:  ${report.store}`);
  print.out(
    `sensor: ${report.sensor.status} since ${formatTime(report.sensor.since)} — ${report.sensor.reason}`,
  );
  const next = report.schedule.nextTick;
  print.out(
    `schedule: ${report.schedule.cron} (${report.schedule.timezone}); next tick ${formatTime(next)}${next ? ` (in ${formatMs(new Date(next).getTime() - now.getTime())})` : ''}${report.sensor.status === 'active' ? '' : ' — fires only while the sensor is active'}`,
  );
  const artifact = report.stateArtifact;
  print.out(
    `state artifact: ${artifact.status}${artifact.runId ? ` (run ${artifact.runId})` : ''}${artifact.message ? ` — ${artifact.message}` : ''}`,
  );
  print.out(`run in progress: ${report.runInProgress ?? 'none'}`);
  const { fleet } = report;
  if (fleet.workers.length > 0) {
    print.out(`workers (limiter ${fleet.limiter}; leader ${fleet.leader ?? 'none'}):`);
    for (const line of table([
      ['worker', 'host', 'pid', 'partitions held', 'last heartbeat'],
      ...fleet.workers.map((w) => [
        w.workerId + (w.leader ? ' (leader)' : ''),
        w.host,
        String(w.pid),
        String(w.partitions.length),
        formatTime(w.lastHeartbeat),
      ]),
    ])) {
      print.out(`  ${line}`);
    }
  }
  print.out();
  print.out('sources:');
  for (const line of table([
    ['source', 'SLA', 'partitions', 'complete', 'running', 'failed', 'never run', 'SLA gaps', 'quota today'],
    ...report.sources.map((s) => [
      s.source + (s.enabled ? '' : ' (disabled)'),
      s.sla,
      String(s.partitions?.total ?? '-'),
      String(s.partitions?.complete ?? '-'),
      String(s.partitions?.running ?? '-'),
      String(s.partitions?.failed ?? '-'),
      String(s.partitions?.neverRun ?? '-'),
      String(s.slaGaps),
      s.quota.dailyBudget === null
        ? `${s.quota.usedToday} (no budget)`
        : `${s.quota.usedToday}/${s.quota.dailyBudget}`,
    ]),
  ])) {
    print.out(line);
  }
  // Under the table, why each disabled source is: it has no numbers to show.
  for (const s of report.sources) if (s.disabled !== null) print.out(`  ${s.source}: ${s.disabled}`);
  for (const s of report.sources.filter((x) => x.problem)) print.err(`warning: ${s.source}: ${s.problem}`);
  if (report.slaGaps.length > 0) {
    print.out();
    print.out('most overdue SLA gaps:');
    for (const line of table(
      report.slaGaps.map((g) => [
        g.partitionKey,
        g.reason.replace('_', ' '),
        g.breachedSince ? `since ${formatTime(g.breachedSince)}` : '',
        `${g.staleRecords} stale records`,
      ]),
    )) {
      print.out(line);
    }
  }
  if (report.lastRuns.length > 0) {
    print.out();
    print.out('recent runs:');
    for (const run of report.lastRuns) {
      print.out(
        `  ${run.id}  ${run.trigger}  ${run.status}  ${formatTime(run.startedAt)}${run.error ? `  ${run.error}` : ''}`,
      );
    }
  }
}
