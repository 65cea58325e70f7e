import { html } from 'hono/html';
import { describe, expect, it } from 'vitest';
import { reportAssetEvent } from '../../assets/report.js';
import { createUiApp } from '../app.js';
import { uiFixture } from '../testing/ui-fixture.js';
import { badge, table } from './parts.js';

const HOSTILE = `"><script>alert('x')</script>&`;
const ESCAPED = '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;';

describe('page markup (hono/html)', () => {
  it('escapes every interpolated value, in content and attributes', async () => {
    expect(String(await html`<a title="${HOSTILE}">${HOSTILE}</a>`)).toBe(
      `<a title="${ESCAPED}">${ESCAPED}</a>`,
    );
    expect(String(await badge('failed', HOSTILE))).toBe(`<span class="badge s-failed">${ESCAPED}</span>`);
  });

  it('nests markup as it is, joins arrays, and drops null, undefined and false in cells', async () => {
    const out = String(await table(['a<b'], [[html`<b>${'x<y'}</b>`], [null], [undefined], [false], [0]]));
    expect(out).toBe(
      '<table><thead><tr><th>a&lt;b</th></tr></thead><tbody><tr><td><b>x&lt;y</b></td></tr><tr><td></td></tr><tr><td></td></tr><tr><td></td></tr><tr><td>0</td></tr></tbody></table>',
    );
  });

  it('shows data from the store escaped on the pages that list it', async () => {
    const f = await uiFixture();
    try {
      await reportAssetEvent(
        f.project.store,
        { asset: 'bulk_enrichment', status: 'failure', message: HOSTILE },
        f.clock,
      );
      const ui = createUiApp({ project: f.project });
      // The message shows in the event log and, as the sensor's pause reason, on the overview.
      for (const path of ['/assets', '/']) {
        const page = await (await ui.app.request(path)).text();
        expect(page, path).toContain(ESCAPED);
        expect(page, path).not.toContain('<script>');
      }
    } finally {
      await f.dispose();
    }
  });
});
