import { html } from 'hono/html';
import type { LaunchPreview, LaunchSourceOption } from '../../views/launch.js';
import type { LaunchRequest } from '../launch.js';
import { layout } from './layout.js';
import type { Html } from './markup.js';
import { planTable } from './run-detail.js';

export interface LaunchPageModel {
  sources: LaunchSourceOption[];
  request: LaunchRequest;
  preview: LaunchPreview | null;
  error: string | null;
}

function scopeForm(m: LaunchPageModel): Html {
  const r = m.request;
  const example =
    m.sources.find((s) => s.id === r.source)?.exampleWindow ?? m.sources[0]?.exampleWindow ?? '';
  return html`<form method="get" action="/launch" id="launch-form" class="stack">
  <label>source
    <select name="source" id="launch-source">
      ${m.sources.map((s) => html`<option value="${s.id}" data-example="${s.exampleWindow}"${s.id === r.source ? html` selected` : ''}>${s.id}</option>`)}
    </select>
  </label>
  <label>partition window
    <input name="window" id="launch-window" value="${r.window ?? ''}" placeholder="${example}" autocomplete="off">
    <span class="muted small">a cohort range like ${example}; empty: every partition of the source that is due</span>
  </label>
  <label>partitions <span class="muted small">(optional, space separated)</span>
    <input name="partitions" id="launch-partitions" value="${r.partitions.join(' ')}" autocomplete="off">
  </label>
  <label class="check"><input type="checkbox" name="force" id="launch-force"${r.force ? html` checked` : ''}> force: also run fresh partitions (from the beginning)</label>
  <input type="hidden" name="preview" value="1">
  <button type="submit" id="preview-plan">Preview the plan</button>
</form>`;
}

function startForm(m: LaunchPageModel, preview: LaunchPreview): Html {
  const r = m.request;
  const paused = preview.sensor.status === 'paused';
  return html`<form method="post" action="/runs" id="start-form" class="stack">
  <input type="hidden" name="source" value="${r.source ?? ''}">
  <input type="hidden" name="window" value="${r.window ?? ''}">
  <input type="hidden" name="partitions" value="${r.partitions.join(' ')}">
  ${r.force ? html`<input type="hidden" name="force" value="on">` : ''}
  ${
    paused
      ? html`<div class="card paused" id="pause-warning">
    <p><strong>The sensor is paused:</strong> <span class="reason">${preview.sensor.reason}</span></p>
    <p>A run is refused while it is paused, as <code>freshet run</code> refuses. Fix the upstream asset and report its success, or override the pause; the run records the override and its reason.</p>
    <label class="check"><input type="checkbox" name="overridePause" id="override-pause"> override the paused sensor (as <code>freshet run --force</code>)</label>
  </div>`
      : ''
  }
  <button type="submit" id="start-run" class="primary"${preview.plan.totals.run === 0 && preview.plan.totals.deferred === 0 ? html` title="the plan has nothing to run; the run will record that"` : ''}>Start the run</button>
</form>`;
}

/** Pick a source and a window, see the plan, then start it (`POST /runs`). */
export function launchPage(m: LaunchPageModel): Html {
  const body = html`
<h1>Launch a run</h1>
<p class="muted">A manual run, as <code>freshet run --source … --window …</code>: resumable and SLA-breached partitions first, then never-run ones, within today's quota.</p>
${m.error ? html`<p class="error" id="launch-error">${m.error}</p>` : ''}
<div class="card">${scopeForm(m)}</div>
${
  m.preview
    ? html`<section id="plan-preview">
  <h2>Plan</h2>
  ${planTable(m.preview.plan)}
  ${startForm(m, m.preview)}
</section>`
    : ''
}
`;
  return layout({ title: 'Launch a run', active: '/launch', body });
}
