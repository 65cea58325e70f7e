import type { AssetEvent, ResolvedConfig } from '@freshet/core';
import type { Plan } from '../planner/types.js';
import type { RunSummary } from '../runs/types.js';
import { CHANGED_PER_GENERATION, DAY_MS } from '../sandbox/generation.js';
import type { SandboxSession } from '../sandbox/open-sandbox.js';
import type { SandboxCycleResult } from '../sandbox/run-cycle.js';
import { formatInterval, perSecond } from '../sandbox/speed-up.js';
import { formatSourceSummaries, type SourceSummary } from '../sandbox/summary-table.js';
import { displayPath } from './display-path.js';
import { formatMs, plural, table } from './format.js';
import { printSlaGapsClosed } from './format-run.js';
import type { Printer } from './io.js';
import { describePlan } from './progress.js';

const percent = `${Math.round(CHANGED_PER_GENERATION * 100)}%`;

export function printSandboxHeader(
  print: Printer,
  session: SandboxSession,
  cwd: string,
  origin: string,
): void {
  const { generation, clock, config } = session;
  print.out(
    `Freshet sandbox: one full cycle, offline, against ${plural(config.sources.length, 'API simulator')} on 127.0.0.1`,
  );
  print.out(`  sources    ${origin}`);
  print.out(`  store      ${displayPath(cwd, session.paths.storePath)}`);
  print.out(
    `  cycle      ${generation + 1} (generation ${generation}${generation === 0 ? ': a new sandbox' : ''}); \`--reset\` starts over`,
  );
  print.out(
    `  clock      ${clock.now().toISOString().slice(0, 16)}Z, today + ${plural(generation, 'day')}: each cycle is one simulated day after the last`,
  );
  if (generation === 0) {
    print.out('  upstream   the simulators as seeded');
  } else {
    const changed = [...session.changedUpstream].map(([source, n]) => `${source} ${n}`).join(', ');
    print.out(`  upstream   ${percent} of each API's records changed since the last cycle (${changed})`);
  }
  printSpeedUp(print, config, session.speedup);
}

function printSpeedUp(print: Printer, config: ResolvedConfig, factor: number): void {
  print.out(
    `Quotas sped up ×${factor} (the simulators' rate limits too), so the cycle takes seconds, not minutes:`,
  );
  const rows = config.sources.map(({ source, quota }) => {
    const before = source.quota;
    const budget = quota.dailyBudget === null ? '' : `; daily budget ${quota.dailyBudget} kept`;
    return [
      source.id,
      `${before.requestsPerInterval} per ${formatInterval(before.intervalMs)} → ${quota.requestsPerInterval} per ${formatInterval(quota.intervalMs)}`,
      `(${perSecond(before.requestsPerInterval, before.intervalMs)} → ${perSecond(quota.requestsPerInterval, quota.intervalMs)})${budget}`,
    ];
  });
  for (const line of table(rows)) print.out(line);
}

export function printSensorStep(
  print: Printer,
  sensor: SandboxCycleResult['sensor'],
  assetEvent: AssetEvent,
): void {
  print.out('');
  print.out(`upstream asset ${assetEvent.asset} reported: success (event #${assetEvent.id})`);
  const change = `${sensor.before ?? 'none'} -> ${sensor.after}`;
  print.out(
    `sensor ticks: ${change} (${sensor.reason})${sensor.runKey ? `; starts run ${sensor.runKey}` : '; no run requested'}`,
  );
}

export function printPlan(print: Printer, plan: Plan): void {
  print.out('');
  print.out(describePlan(plan));
  for (const line of table(
    plan.entries.map((e) => [
      e.partitionKey,
      e.reason,
      e.action,
      e.action === 'run' ? `~${e.estimatedCalls} calls (${e.estimateFrom})` : (e.note ?? ''),
    ]),
  )) {
    print.out(line);
  }
  print.out('');
}

export function printSandboxSummary(
  print: Printer,
  session: SandboxSession,
  summary: RunSummary,
  rows: readonly SourceSummary[],
  cwd: string,
): void {
  print.out('');
  print.out(
    `run ${summary.runId} (${summary.trigger}, ${summary.runKey}) ${summary.status} in ${formatMs(summary.durationMs)}`,
  );
  if (summary.status === 'refused') {
    print.err(`refused: ${summary.refusal?.message ?? ''}`);
    return;
  }
  for (const line of formatSourceSummaries(rows, summary.durationMs)) print.out(line);
  printUpstreamChanges(print, session, rows);
  if (session.generation > 0) printWhereChangesAre(print, session, summary.runId, cwd);
  printSlaGapsClosed(print, summary.slaGapsClosed);
  if (summary.artifact) print.out(`state artifact written: ${displayPath(cwd, summary.artifact.path)}`);
  else print.out('state artifact not written: the run did not succeed');
  if (summary.error) print.err(`error: ${summary.error.code}: ${summary.error.message}`);
}

/**
 * What the cycle saw of the upstream changes: a re-fetched source writes exactly its changed
 * records; a fresh one is not asked, and its changes wait for its SLA.
 */
function printUpstreamChanges(print: Printer, session: SandboxSession, rows: readonly SourceSummary[]): void {
  if (session.changedUpstream.size === 0) return;
  print.out('Upstream changes since the last cycle, and what this cycle made of them:');
  const slaOf = new Map(session.config.sources.map((s) => [s.source.id, s.sla]));
  const lines = rows.map((row) => {
    const changed = `${plural(session.changedUpstream.get(row.source) ?? 0, 'record')} changed upstream`;
    if (row.complete + row.failed + row.interrupted === 0) {
      return [row.source, changed, `not re-fetched: fresh within its SLA of ${slaOf.get(row.source) ?? '?'}`];
    }
    return [row.source, changed, `re-fetched: ${row.written} written, ${row.unchanged} unchanged`];
  });
  for (const line of table(lines)) print.out(line);
}

/** A later cycle's change feed: the records it created, changed or found gone. */
function printWhereChangesAre(print: Printer, session: SandboxSession, runId: string, cwd: string): void {
  const store = displayPath(cwd, session.paths.storePath);
  print.out(
    `changes of this run: \`freshet changes --run ${runId} --store ${store}\` (JSON Lines), or /api/runs/${encodeURIComponent(runId)}/changes in the web UI on this store`,
  );
}

export function printNextCycle(
  print: Printer,
  config: ResolvedConfig,
  generation: number,
  tookMs: number,
): void {
  print.out('');
  print.out(`Cycle done in ${formatMs(tookMs)}.`);
  const daily = config.sources.filter((s) => s.slaMs <= DAY_MS);
  const later = config.sources.filter((s) => s.slaMs > DAY_MS).map((s) => `${s.source.id} (SLA ${s.sla})`);
  const due =
    daily.length === 0
      ? ''
      : ` ${listed(daily.map((s) => `${s.source.id} (SLA ${s.sla})`))} ${daily.length === 1 ? 'comes' : 'come'} due every cycle and ${daily.length === 1 ? 'is' : 'are'} re-fetched: changed records are written, the rest unchanged.`;
  const fresh =
    later.length === 0
      ? ''
      : ` ${listed(later)} ${later.length === 1 ? 'stays' : 'stay'} fresh, and are skipped, until their SLA runs out.`;
  print.out(
    `Run it again (\`pnpm start\` or \`freshet sandbox\`) for cycle ${generation + 2}: one simulated day later, with ${percent} of upstream records changed.${due}${fresh} \`pnpm start -- --reset\` starts over.`,
  );
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
