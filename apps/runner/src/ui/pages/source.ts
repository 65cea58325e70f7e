import { html } from 'hono/html';
import type { PartitionState } from '../../views/partition-states.js';
import { PARTITION_STATES, STATE_LABELS, STATE_PRIORITY } from '../../views/partition-states.js';
import type { GridCell, SourcePartitions } from '../../views/source-partitions.js';
import { layout } from './layout.js';
import { enc, type Html } from './markup.js';
import { quotaMeter } from './parts.js';

const pageHref = (id: string, page: number, filter: PartitionState | null) =>
  `/sources/${enc(id)}?page=${page}${filter ? `&state=${filter}` : ''}`;

function legend(view: SourcePartitions): Html {
  const id = view.source.id;
  return html`<p class="legend" id="state-counts">${PARTITION_STATES.map(
    (state) =>
      html`<a class="chip${view.filter === state ? ' on' : ''}" href="${view.filter === state ? pageHref(id, 1, null) : pageHref(id, 1, state)}" data-state="${state}"><i class="sw st-${state}"></i>${STATE_LABELS[state]} <b>${view.counts[state]}</b></a>`,
  )}</p>`;
}

/** The aggregate bar: every partition, folded into at most a few hundred segments. */
function bar(view: SourcePartitions): Html {
  const id = view.source.id;
  return html`<div class="pbar" id="partition-bar" role="img" aria-label="partition bar">${view.buckets.map(
    (b) => {
      const n = b.to - b.from;
      const summary = PARTITION_STATES.filter((s) => b.counts[s] > 0)
        .map((s) => `${b.counts[s]} ${STATE_LABELS[s]}`)
        .join(', ');
      const title = n === 1 ? `${b.firstKey}: ${summary}` : `${b.firstKey} … ${b.lastKey} (${n}): ${summary}`;
      const page = Math.floor(b.from / view.pageSize) + 1;
      // A segment stacks its states by share (the most urgent on top), so a few failures among
      // many fresh partitions still show, and the proportions stay true.
      const stack = STATE_PRIORITY.filter((s) => b.counts[s] > 0).map(
        (s) => html`<i class="st-${s}" style="flex-grow:${b.counts[s]}"></i>`,
      );
      return html`<a class="seg" data-state="${b.state}" style="flex-grow:${n}" href="${pageHref(id, page, null)}#p${b.from}" title="${title}">${stack}</a>`;
    },
  )}</div>`;
}

function cellTitle(cell: GridCell): string {
  const parts = [cell.key, STATE_LABELS[cell.state]];
  parts.push(`last success ${cell.lastCompleteAt ?? 'never'}`);
  if (cell.slices > 0) parts.push(`${cell.slices} slices, ${cell.written} written`);
  if (cell.cursor !== null) parts.push(`cursor ${JSON.stringify(cell.cursor)}`);
  return parts.join(' · ');
}

// Up to this many partitions, each square is a labelled tile; beyond, a small square.
const LABELLED_UP_TO = 120;

/** `2024-W05` of `nih:project_week_2024-W05`, `00042` of `sam_gov:uei_batch_00042`. */
const cohortLabel = (key: string) => key.slice(key.lastIndexOf('_') + 1);

function grid(view: SourcePartitions): Html {
  const id = view.source.id;
  const labelled = view.total <= LABELLED_UP_TO;
  return html`<div class="grid${labelled ? ' labelled' : ''}" id="partition-grid" data-source="${id}">${view.cells.map(
    (cell) =>
      html`<a class="cell st-${cell.state}" id="p${cell.index}" data-key="${cell.key}" data-state="${cell.state}" href="/sources/${enc(id)}/partitions/${enc(cell.key)}" title="${cellTitle(cell)}">${labelled ? cohortLabel(cell.key) : ''}</a>`,
  )}</div>`;
}

function pager(view: SourcePartitions): Html {
  if (view.pageCount <= 1) return html``;
  const id = view.source.id;
  const first = (view.page - 1) * view.pageSize + 1;
  const last = Math.min(view.matching, view.page * view.pageSize);
  return html`<nav class="pager" id="pager">
    ${view.page > 1 ? html`<a href="${pageHref(id, view.page - 1, view.filter)}" rel="prev">← previous</a>` : ''}
    <span>partitions ${first}–${last} of ${view.matching} · page ${view.page} of ${view.pageCount}</span>
    ${view.page < view.pageCount ? html`<a href="${pageHref(id, view.page + 1, view.filter)}" rel="next">next →</a>` : ''}
  </nav>`;
}

/** A source's partitions: counts per state, the partition bar, and one page of the grid. */
export function sourcePage(view: SourcePartitions): Html {
  const { source } = view;
  const body = html`
<h1>Source <span class="mono">${source.id}</span>${source.enabled ? '' : html` <span class="muted">(disabled)</span>`}</h1>
<p>SLA ${source.sla} · quota used today ${quotaMeter(source.usedToday, source.dailyBudget)} · ${view.total} partitions · <a class="button" href="/launch?source=${enc(source.id)}">Run a window of ${source.id}</a></p>
${view.problem ? html`<p class="error">${view.problem}</p>` : ''}
${legend(view)}
${bar(view)}
<h2>Partitions${view.filter ? html` <span class="muted">(${STATE_LABELS[view.filter]} only · <a href="${pageHref(source.id, 1, null)}">show all</a>)</span>` : ''}</h2>
<p class="muted small">Hover a square for its status and last success; click it for counts and cursor.</p>
${pager(view)}
<div class="split">
  ${view.cells.length > 0 ? grid(view) : html`<p class="muted">no partitions${view.filter ? ` are ${STATE_LABELS[view.filter]}` : ''}</p>`}
  <aside id="partition-detail" class="card detail" hidden></aside>
</div>
`;
  return layout({ title: `Source ${source.id}`, body });
}
