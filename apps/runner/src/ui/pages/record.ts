import { html } from 'hono/html';
import type { RecordDetail, RevisionStep } from '../../views/record-detail.js';
import type { FieldDiff } from '../../views/record-diff.js';
import { layout } from './layout.js';
import { enc, type Html } from './markup.js';
import { badge, partitionLink, runLink, sourceLink, table, time } from './parts.js';

/** A JSON value as text: nested values whole, on one line. */
const json = (value: unknown): Html => html`<code class="json-value">${JSON.stringify(value)}</code>`;

function diffRow(d: FieldDiff) {
  return [
    html`<code>${d.field}</code>`,
    html`<span class="diff-${d.kind}">${d.kind}</span>`,
    d.kind === 'added' ? '' : json(d.before),
    d.kind === 'removed' ? '' : json(d.after),
  ];
}

function step(s: RevisionStep): Html {
  return html`<section class="card revision-step" data-from="${s.fromRevision}" data-to="${s.toRevision}">
<h3>revision ${s.fromRevision} → ${s.toRevision} <span class="muted">${time(s.at)}${s.runId ? html` · run ${runLink(s.runId)}` : ''}</span></h3>
${table(['field', 'change', 'before', 'after'], s.fields.map(diffRow), 'no field changed (only what the hash ignores)')}
</section>`;
}

function ledger(d: RecordDetail): Html {
  const l = d.ledger;
  if (l === null) return html`<p class="muted">no ledger entry</p>`;
  return html`<dl class="facts" id="ledger">
  <dt>status</dt><dd>${badge(l.status)}</dd>
  <dt>attempts</dt><dd>${l.attempts}</dd>
  <dt>last attempt</dt><dd>${time(l.lastAttemptAt)}</dd>
  <dt>last success</dt><dd>${time(l.lastSuccessAt)}</dd>
  ${l.error ? html`<dt>error</dt><dd class="error">${l.error}</dd>` : ''}
</dl>`;
}

/** One record: its ledger entry, its payload, and what each kept revision changed. */
export function recordPage(d: RecordDetail): Html {
  const r = d.record;
  const partitionKey = r?.partitionKey ?? d.ledger?.partitionKey ?? null;
  const body = html`
<p>${sourceLink(d.source)}${partitionKey ? html` · ${partitionLink(partitionKey)}` : ''}</p>
<h1>Record <span class="mono" id="record-key">${d.key}</span></h1>
${
  r === null
    ? html`<p class="muted">Never stored: the ledger tracks this key, but no payload was written for it.</p>`
    : html`<dl class="facts">
  <dt>revision</dt><dd>${r.revision}</dd>
  <dt>first seen</dt><dd>${time(r.firstSeenAt)}</dd>
  <dt>payload changed</dt><dd>${time(r.updatedAt)}</dd>
  <dt>hash</dt><dd class="mono">${r.hash}</dd>
</dl>`
}
<h2>Freshness ledger</h2>
${ledger(d)}
${r === null ? '' : html`<h2>Payload</h2><pre class="payload" id="payload">${JSON.stringify(r.payload, null, 2)}</pre>`}
<h2>Changes between revisions <span class="muted">(${d.steps.length})</span></h2>
<div id="revisions">${
    d.steps.length === 0
      ? html`<p class="muted">${r !== null && r.revision > 1 ? 'the earlier revisions are no longer kept (see the history retention)' : 'none: the payload never changed'}</p>`
      : d.steps.map(step)
  }</div>
<p class="muted small"><a href="/api/sources/${enc(d.source)}/records/${enc(d.key)}">as JSON</a></p>
`;
  return layout({ title: `${d.source} ${d.key}`, body });
}
