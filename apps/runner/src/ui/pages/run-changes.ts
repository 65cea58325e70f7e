import { html } from 'hono/html';
import type { ChangeLine } from '../../views/change-line.js';
import { plural } from '../../views/format.js';
import type { RunChangeCounts } from '../../views/run-change-counts.js';
import { layout } from './layout.js';
import { enc, type Html } from './markup.js';
import { badge, partitionLink, recordLink, runLink, table, time } from './parts.js';

export interface RunChangesView {
  runId: string;
  changes: ChangeLine[];
  nextAfter: number | null;
}

function fields(c: ChangeLine): Html | string {
  const f = c.changedFields;
  if (f === null) return '';
  const words = [
    ...f.added.map((name) => `+${name}`),
    ...f.removed.map((name) => `−${name}`),
    ...f.modified.map((name) => `~${name}`),
  ];
  return html`<span class="mono">${words.join(' ')}</span>`;
}

function changesTable(changes: readonly ChangeLine[], empty: string): Html {
  return table(
    ['change', 'record', 'partition', 'revision', 'fields (+added −removed ~modified)', 'at'],
    changes.map((c) => [
      badge(`change_${c.kind}`, c.kind),
      recordLink(c.source, c.key),
      partitionLink(c.partition),
      c.revision,
      fields(c),
      time(c.at),
    ]),
    empty,
  );
}

export function describeChangeCounts(counts: RunChangeCounts): string {
  const more = counts.complete ? '' : ' (at least: the first changes counted)';
  return `${plural(counts.created, 'record')} created, ${counts.changed} changed, ${counts.gone} gone${more}`;
}

/** The run page's section: what the run did to records, its first changes, and where the rest are. */
export function runChangesSection(counts: RunChangeCounts, first: RunChangesView): Html {
  const id = enc(first.runId);
  return html`<section id="changes">
<h2>Changes</h2>
<p id="change-counts">${describeChangeCounts(counts)}</p>
${changesTable(first.changes, 'no record was created, changed or found gone')}
<p><a href="/runs/${id}/changes">${first.nextAfter === null ? 'the changes on their own page' : 'all changes, page by page →'}</a> <span class="muted small">· as JSON Lines: <code>freshet changes --run ${first.runId}</code> · <a href="/api/runs/${id}/changes">JSON</a></span></p>
</section>`;
}

/** `/runs/:id/changes`: one page of a run's changes, with links to the first and next pages. */
export function runChangesPage(view: RunChangesView, options: { after: number; limit: number }): Html {
  const base = `/runs/${enc(view.runId)}/changes`;
  const body = html`
<p><a href="/runs/${enc(view.runId)}">← run</a></p>
<h1>Changes of run ${runLink(view.runId)}</h1>
<div id="changes">${changesTable(view.changes, options.after === 0 ? 'no record was created, changed or found gone' : 'no more changes')}</div>
<p class="pager">${options.after === 0 ? '' : html`<a href="${base}?limit=${options.limit}">← first page</a> `}${view.nextAfter === null ? '' : html`<a rel="next" href="${base}?after=${view.nextAfter}&limit=${options.limit}">next page →</a>`}</p>
`;
  return layout({ title: `Changes of ${view.runId}`, active: '/runs', body });
}
