import { html } from 'hono/html';
import type { Plan, PlanEntry } from '../../planner/types.js';
import { describeTotals, formatMs, plural } from '../../views/format.js';
import type { RunView } from '../../views/run-view.js';
import { layout } from './layout.js';
import { enc, type Html } from './markup.js';
import { badge, partitionLink, table, time } from './parts.js';
import { describeScope } from './runs.js';

// Plans of big sources list every fresh partition as skipped; a page shows this many rows.
const MAX_PLAN_ROWS = 300;

function progress(view: RunView): Html {
  const { planned, finished, inFlight } = view.progress;
  if (view.run.status !== 'running') return html``;
  const pct = planned === 0 ? 0 : Math.round((finished / planned) * 100);
  return html`<section id="progress" class="card">
<h2>Progress</h2>
<p>${view.plan === null ? 'planning…' : html`<progress max="${Math.max(planned, 1)}" value="${finished}"></progress> <span id="progress-count">${finished} of ${planned} partitions done</span> <span class="muted">(${pct}%)</span>`}</p>
${table(
  ['working on', 'slices', 'written', 'API calls', 'cursor'],
  inFlight.map((p) => [
    partitionLink(p.partitionKey),
    p.slices,
    p.written,
    p.apiCalls,
    html`<code>${JSON.stringify(p.cursor)}</code>`,
  ]),
  'no partition in flight right now',
)}
</section>`;
}

function results(view: RunView): Html {
  return table(
    ['partition', 'result', 'slices', 'written', 'unchanged', 'API calls', 'retries', 'took', 'error'],
    view.partitions.map((p) => [
      partitionLink(p.partitionKey),
      badge(p.status),
      p.counts.slices,
      p.counts.written,
      p.counts.unchanged,
      p.counts.apiCalls,
      p.retries,
      formatMs(p.durationMs),
      p.error ? html`<span class="error">${p.error.code}</span>: ${p.error.message}` : '',
    ]),
    view.run.status === 'running' ? 'no partition has finished yet' : 'no partitions ran',
  );
}

function gapsClosed(view: RunView): Html {
  return table(
    ['partition', 'gap', 'stale records before → after', 'closed at'],
    view.slaGapsClosed.map((g) => [
      partitionLink(g.partitionKey),
      g.reason === 'never_run'
        ? 'never run'
        : html`${g.reason.replace(/_/g, ' ')} since ${time(g.breachedSince)}`,
      `${g.staleRecordsBefore} → ${g.staleRecordsAfter}`,
      time(g.closedAt),
    ]),
    'none',
  );
}

function planEntryRow(e: PlanEntry, i: number) {
  const detail: string[] = [];
  if (e.slaGap?.overdueMs !== null && e.slaGap?.overdueMs !== undefined) {
    detail.push(`overdue ${formatMs(e.slaGap.overdueMs)}, ${e.slaGap.staleRecords} stale records`);
  }
  if (e.reason === 'resumable' && e.checkpoint) detail.push(`cursor ${JSON.stringify(e.checkpoint.cursor)}`);
  if (e.note) detail.push(e.note);
  return [
    String(i + 1),
    partitionLink(e.partitionKey),
    e.reason.replace(/_/g, ' '),
    badge(e.action),
    `~${e.estimatedCalls}`,
    detail.join('; '),
  ];
}

/** The plan as a table: what runs (in order) and what is deferred; skipped ones are counted. */
export function planTable(plan: Plan): Html {
  const shown = plan.entries.filter((e) => e.action !== 'skipped');
  const skipped = plan.entries.length - shown.length;
  const t = plan.totals;
  return html`<p class="plan-summary">${plural(t.run, 'partition')} to run (~${t.estimatedCalls} API calls), ${t.deferred} deferred, ${t.skipped} skipped</p>
${plan.problems.map((p) => html`<p class="error">${p.source}: ${p.message}</p>`)}
${table(['#', 'partition', 'reason', 'action', 'est. calls', 'detail'], shown.slice(0, MAX_PLAN_ROWS).map(planEntryRow), 'nothing to run: every partition in scope is fresh (force runs them anyway)')}
${shown.length > MAX_PLAN_ROWS ? html`<p class="muted">… and ${shown.length - MAX_PLAN_ROWS} more</p>` : ''}
${skipped > 0 ? html`<p class="muted">skipped: ${skipped} (fresh within their SLA, or leased by another run)</p>` : ''}
${table(
  ['source', 'daily budget', 'used today', 'plan uses', 'deferred'],
  plan.sources
    .filter((s) => s.dailyBudget !== null)
    .map((s) => [
      s.source,
      s.dailyBudget,
      s.usedToday,
      `~${s.plannedCalls}`,
      s.deferredCalls > 0 ? `~${s.deferredCalls}` : '',
    ]),
  '',
)}`;
}

/**
 * The part of a run that changes while it runs; the page polls it (`/runs/:id/live`). `changes`
 * is the run's change feed section, so its counts grow with the run too.
 */
export function runLive(view: RunView, changes?: Html): Html {
  const { run } = view;
  return html`<div id="run-live" data-status="${run.status}" data-live-url="/runs/${enc(run.id)}/live">
${view.pauseOverride ? html`<p class="warn" id="pause-override">This run overrode a paused sensor: ${view.pauseOverride.reason}</p>` : ''}
<p class="run-status">${badge(run.status)} ${run.finishedAt ? html`finished ${time(run.finishedAt)}, took ${formatMs(run.finishedAt.getTime() - run.startedAt.getTime())}` : html`<span class="muted">running…</span>`}</p>
${view.refusal ? html`<p class="error" id="refusal"><strong>refused (${view.refusal.code})</strong>: ${view.refusal.message}</p>` : ''}
${run.error && !view.refusal ? html`<p class="error" id="run-error"><strong>${run.error.code}</strong>: ${run.error.message}</p>` : ''}
${view.totals ? html`<p id="totals">${describeTotals(view.totals)}</p>` : ''}
${progress(view)}
<h2>Per-partition results</h2>
<div id="results">${results(view)}</div>
<h2>SLA gaps closed <span class="muted">(${view.slaGapsClosed.length})</span></h2>
<div id="gaps-closed">${gapsClosed(view)}</div>
${changes ?? ''}
<h2>Plan</h2>
<div id="plan">${view.plan ? planTable(view.plan) : html`<p class="muted">no plan: the run ${run.status === 'running' ? 'is planning' : 'stopped before planning'}</p>`}</div>
</div>`;
}

/** The run's page; `changes` is its change feed's section (see runLive). */
export function runDetailPage(view: RunView, changes?: Html): Html {
  const { run } = view;
  const body = html`
<p><a href="/runs">← runs</a></p>
<h1>Run <span class="mono">${run.id}</span></h1>
<dl class="facts">
  <dt>trigger</dt><dd>${run.trigger}${run.runKey ? html` <span class="muted mono">(${run.runKey})</span>` : ''}</dd>
  <dt>scope</dt><dd><code>${describeScope(run.scope)}</code></dd>
  <dt>started</dt><dd>${time(run.startedAt)}</dd>
  ${view.sensorAtStart ? html`<dt>sensor</dt><dd>${badge(view.sensorAtStart.status)} ${view.sensorAtStart.reason}</dd>` : ''}
</dl>
${runLive(view, changes)}
`;
  return layout({ title: `Run ${run.id}`, active: '/runs', body });
}
