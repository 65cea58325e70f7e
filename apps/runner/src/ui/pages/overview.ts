import { html } from 'hono/html';
import type { StatusReport } from '../../views/status.js';
import { layout } from './layout.js';
import type { Html } from './markup.js';
import { badge, partitionLink, quotaMeter, relative, runLink, sourceLink, table, time } from './parts.js';

/** Sensor and reason, next schedule tick, quota used today, open SLA gaps, recent runs. */
export function overviewPage(report: StatusReport, now: Date): Html {
  const { sensor, schedule, stateArtifact } = report;
  const gapsTotal = report.sources.reduce((n, s) => n + s.slaGaps, 0);
  const body = html`
<h1>Overview</h1>
<section class="cards">
  <div class="card" id="sensor" data-status="${sensor.status}">
    <h2>Sensor</h2>
    <p>${badge(sensor.status)} <span class="muted">since ${time(sensor.since)}</span></p>
    <p class="reason">${sensor.reason}</p>
    <p class="muted">watches ${sensor.upstreamAssets.length > 0 ? sensor.upstreamAssets.join(', ') : 'no upstream assets'} · <a href="/assets">events</a></p>
  </div>
  <div class="card" id="schedule">
    <h2>Schedule</h2>
    <p><code>${schedule.cron}</code> <span class="muted">(${schedule.timezone})</span></p>
    <p>next tick ${time(schedule.nextTick)} <span class="muted">${relative(schedule.nextTick, now)}</span></p>
    ${sensor.status === 'active' ? '' : html`<p class="muted">fires only while the sensor is active</p>`}
  </div>
  <div class="card" id="run-state">
    <h2>Runs</h2>
    <p>in progress: ${report.runInProgress ? runLink(report.runInProgress) : html`<span class="muted">none</span>`}</p>
    <p>state artifact: ${badge(stateArtifact.status)} ${stateArtifact.runId ? html`from ${runLink(stateArtifact.runId)}` : ''}</p>
    ${stateArtifact.message ? html`<p class="muted">${stateArtifact.message}</p>` : ''}
    <p><a class="button" href="/launch">Launch a run</a></p>
  </div>
</section>
${
  report.fleet.workers.length === 0
    ? ''
    : html`<h2>Workers</h2>
<p class="muted">limiter ${report.fleet.limiter}; leader ${report.fleet.leader ?? 'none'}</p>
${table(
  ['worker', 'host', 'pid', 'partitions held', 'last heartbeat'],
  report.fleet.workers.map((w) => [
    html`${w.workerId}${w.leader ? html` <span class="badge">leader</span>` : ''}`,
    w.host,
    String(w.pid),
    String(w.partitions.length),
    time(w.lastHeartbeat),
  ]),
)}`
}

<h2>Sources</h2>
${table(
  [
    'source',
    'SLA',
    'partitions',
    'complete',
    'running',
    'failed',
    'never run',
    'SLA gaps',
    'quota used today (UTC)',
  ],
  report.sources.map((s) => [
    html`${sourceLink(s.source)}${s.enabled ? '' : html` <span class="muted">(disabled)</span>`}${s.problem ? html`<div class="error">${s.problem}</div>` : ''}`,
    s.sla,
    s.partitions?.total ?? '-',
    s.partitions?.complete ?? '-',
    s.partitions?.running ?? '-',
    s.partitions?.failed ?? '-',
    s.partitions?.neverRun ?? '-',
    s.slaGaps > 0 ? html`<strong class="warn">${s.slaGaps}</strong>` : '0',
    html`<span data-quota="${s.source}">${quotaMeter(s.quota.usedToday, s.quota.dailyBudget)}</span>`,
  ]),
  'no sources are configured',
)}

<h2>Open SLA gaps <span class="muted">(${gapsTotal}; the ${report.slaGaps.length} most overdue)</span></h2>
<div id="sla-gaps">
${table(
  ['partition', 'reason', 'breached since', 'stale records'],
  report.slaGaps.map((g) => [
    partitionLink(g.partitionKey),
    g.reason.replace(/_/g, ' '),
    g.breachedSince
      ? html`${time(g.breachedSince)} <span class="muted">${relative(g.breachedSince, now)}</span>`
      : '-',
    g.staleRecords,
  ]),
  'no open SLA gaps: every partition is within its SLA',
)}
</div>

<h2>Recent runs <a class="small" href="/runs">all runs</a></h2>
${table(
  ['run', 'trigger', 'status', 'started', 'error'],
  report.lastRuns.map((r) => [runLink(r.id), r.trigger, badge(r.status), time(r.startedAt), r.error ?? '']),
  'no runs yet',
)}
`;
  return layout({ title: 'Overview', active: '/', body });
}
