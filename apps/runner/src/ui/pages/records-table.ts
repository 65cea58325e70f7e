import { html } from 'hono/html';
import type { RecordsPage } from '../../views/partition-records.js';
import { enc, type Html } from './markup.js';
import { badge, recordLink, table, time } from './parts.js';

/**
 * A page of records with links to the first and the next page. `pageHref` makes a page's URL
 * from the key to resume after (null: the first page).
 */
export function recordsTable(
  page: RecordsPage,
  options: { after: string | null; pageHref: (after: string | null) => string },
): Html {
  const rows = page.records.map((r) => [
    recordLink(page.source, r.key),
    r.revision,
    time(r.updatedAt),
    r.status === null ? '' : badge(r.status),
    time(r.lastAttemptAt),
  ]);
  return html`<div id="records">
${table(['key', 'revision', 'payload changed', 'ledger', 'last attempt'], rows, options.after === null ? 'no records stored yet' : 'no more records')}
<p class="pager">${options.after === null ? '' : html`<a href="${options.pageHref(null)}">← first page</a> `}${page.nextAfter === null ? '' : html`<a rel="next" href="${options.pageHref(page.nextAfter)}">next page →</a>`}</p>
</div>`;
}

/** `/sources/nih/partitions/<key>?after=<key>#records`: the partition page at a records page. */
export function partitionRecordsHref(source: string, partitionKey: string, after: string | null): string {
  const base = `/sources/${enc(source)}/partitions/${enc(partitionKey)}`;
  return after === null ? `${base}#records` : `${base}?after=${enc(after)}#records`;
}
