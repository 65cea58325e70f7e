import type { RunRow, RunStatus } from '@freshet/core';
import { html } from 'hono/html';
import { formatMs } from '../../views/format.js';
import { RUN_STATUSES } from '../../views/run-statuses.js';
import { layout } from './layout.js';
import type { Html } from './markup.js';
import { badge, runLink, table, time } from './parts.js';

/** Runs newest first, as `freshet runs list`, with a status filter. */
export function runsPage(runs: readonly RunRow[], filter: { status: RunStatus | null; limit: number }): Html {
  const body = html`
<h1>Runs</h1>
<form method="get" action="/runs" class="inline">
  <label>status <select name="status">
    <option value="">any</option>
    ${RUN_STATUSES.map((s) => html`<option${s === filter.status ? html` selected` : ''}>${s}</option>`)}
  </select></label>
  <label>show <input type="number" name="limit" min="1" max="1000" value="${filter.limit}"></label>
  <button type="submit">Filter</button>
</form>
<div id="runs">
${table(
  ['run', 'trigger', 'status', 'started', 'took', 'scope', 'error'],
  runs.map((r) => [
    runLink(r.id),
    html`${r.trigger}${r.runKey ? html`<div class="muted small mono">${r.runKey}</div>` : ''}`,
    badge(r.status),
    time(r.startedAt),
    r.finishedAt
      ? formatMs(r.finishedAt.getTime() - r.startedAt.getTime())
      : html`<span class="muted">running</span>`,
    html`<code class="small">${describeScope(r.scope)}</code>`,
    r.error ? html`<span class="error">${r.error.code}</span>: ${r.error.message}` : '',
  ]),
  filter.status ? `no ${filter.status} runs` : 'no runs yet; launch one',
)}
</div>
${runs.length >= filter.limit ? html`<p><a href="/runs?limit=${filter.limit * 2}${filter.status ? `&status=${filter.status}` : ''}">show more</a></p>` : ''}
`;
  return layout({ title: 'Runs', active: '/runs', body });
}

/** `--source nih --window 2024-W01..2024-W02 --force`: the scope as the CLI would say it. */
export function describeScope(scope: unknown): string {
  const s = (scope ?? {}) as {
    sources?: string[] | null;
    partitions?: string[];
    window?: string | null;
    force?: boolean;
  };
  const parts: string[] = [];
  for (const source of s.sources ?? []) parts.push(`--source ${source}`);
  if (s.window) parts.push(`--window ${s.window}`);
  const partitions = s.partitions ?? [];
  if (partitions.length > 3) parts.push(`${partitions.length} partitions`);
  else for (const p of partitions) parts.push(`--partition ${p}`);
  if (s.force) parts.push('--force');
  return parts.length > 0 ? parts.join(' ') : 'everything due';
}
