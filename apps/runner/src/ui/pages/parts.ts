import { html } from 'hono/html';
import { formatMs, formatTime } from '../../views/format.js';
import { enc, type Html, type HtmlValue } from './markup.js';

/** A status word in a coloured pill; the class is the status itself (CSS knows them). */
export function badge(status: string, label: string = status.replace(/_/g, ' ')): Html {
  return html`<span class="badge s-${status.replace(/[^a-z_]/gi, '')}">${label}</span>`;
}

/** `2025-03-20 12:00Z`, with the full ISO time on hover. */
export function time(value: Date | string | null): Html {
  if (value === null) return html`<span class="muted">-</span>`;
  const iso = typeof value === 'string' ? value : value.toISOString();
  return html`<time datetime="${iso}" title="${iso}">${formatTime(iso)}</time>`;
}

/** `3 h 5 min ago` / `in 4 h`. */
export function relative(value: Date | string | null, now: Date): string {
  if (value === null) return '';
  const ms = new Date(value).getTime() - now.getTime();
  return ms >= 0 ? `in ${formatMs(ms)}` : `${formatMs(-ms)} ago`;
}

export function runLink(id: string): Html {
  return html`<a class="mono" href="/runs/${enc(id)}">${id}</a>`;
}

export function sourceLink(id: string): Html {
  return html`<a href="/sources/${enc(id)}">${id}</a>`;
}

export function partitionLink(key: string): Html {
  const source = key.split(':')[0] ?? '';
  return html`<a class="mono" href="/sources/${enc(source)}/partitions/${enc(key)}">${key}</a>`;
}

/** A table with a header row; `empty` shows when there are no rows. */
export function table(headers: readonly string[], rows: readonly HtmlValue[][], empty = 'none'): Html {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<table><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`,
  )}</tbody></table>`;
}

/** A used-of-budget meter; null budget shows the count alone. */
export function quotaMeter(used: number, budget: number | null): Html {
  if (budget === null) return html`<span>${used} calls <span class="muted">(no daily budget)</span></span>`;
  const pct = budget === 0 ? 100 : Math.min(100, Math.round((used / budget) * 100));
  return html`<span class="quota"><meter min="0" max="${budget}" value="${used}" high="${Math.floor(budget * 0.9)}"></meter> ${used} / ${budget} <span class="muted">(${pct}%)</span></span>`;
}

/** A record's page; keys may hold any character (`/`, `?`, `#`, `%`), so the key is encoded. */
export function recordHref(source: string, key: string): string {
  return `/sources/${enc(source)}/records/${enc(key)}`;
}

export function recordLink(source: string, key: string): Html {
  return html`<a class="mono" href="${recordHref(source, key)}">${key}</a>`;
}
