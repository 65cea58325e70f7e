import { html } from 'hono/html';
import { formatMs } from '../../views/format.js';
import type { PartitionDetail } from '../../views/partition-detail.js';
import { STATE_LABELS } from '../../views/partition-states.js';
import { layout } from './layout.js';
import { enc, type Html } from './markup.js';
import { badge, runLink, time } from './parts.js';

/** One partition's checkpoint, lease and ledger: the grid's click-through, and its own page. */
export function partitionDetail(d: PartitionDetail): Html {
  const c = d.checkpoint;
  return html`<div class="pdetail" data-key="${d.partitionKey}">
<h3 class="mono">${d.partitionKey}</h3>
<p>${badge(d.state, STATE_LABELS[d.state])} <span class="muted">SLA ${d.sla}</span></p>
<dl>
  <dt>last success</dt><dd>${c?.lastCompleteAt ? time(c.lastCompleteAt) : 'never'}</dd>
  ${
    c === null
      ? html`<dt>checkpoint</dt><dd>none: it never ran (the next run starts it from the beginning)</dd>`
      : html`
  <dt>checkpoint</dt><dd>${c.status} · attempt ${c.attempt}${c.runId ? html` · run ${runLink(c.runId)}` : ''}</dd>
  <dt>cursor</dt><dd><code class="cursor">${JSON.stringify(c.cursor)}</code></dd>
  <dt>counts</dt><dd class="counts">${c.counts.slices} slices, ${c.counts.written} written, ${c.counts.unchanged} unchanged, ${c.counts.failed} failed, ${c.counts.notFound} not found, ${c.counts.apiCalls} API calls</dd>
  <dt>updated</dt><dd>${time(c.updatedAt)} · took ${formatMs(c.durationMs)}</dd>
  ${c.error ? html`<dt>error</dt><dd class="error">${c.error.code}: ${c.error.message}</dd>` : ''}`
  }
  <dt>lease</dt><dd>${d.lease ? html`held by ${d.lease.holder} until ${time(d.lease.expiresAt)}` : 'none'}</dd>
  ${d.ledger ? html`<dt>ledger</dt><dd>${d.ledger.records} records, ${d.ledger.stale} stale, ${d.ledger.failed} failed, ${d.ledger.notFound} not found</dd>` : ''}
</dl>
<p><a href="/launch?source=${enc(d.source)}&amp;partitions=${enc(d.partitionKey)}">Run this partition…</a></p>
</div>`;
}

/** The partition's own page; with `records`, a page of its stored records below the detail. */
export function partitionPage(d: PartitionDetail, records?: Html): Html {
  return layout({
    title: d.partitionKey,
    body: html`<p><a href="/sources/${enc(d.source)}">← ${d.source}</a></p><div class="card">${partitionDetail(d)}</div>${records ? html`<h2>Records</h2>${records}` : ''}`,
  });
}
