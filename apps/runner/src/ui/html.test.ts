import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from './html.js';

describe('html', () => {
  it('escapes every interpolated value, in content and attributes', () => {
    const key = `nih:"><script>alert('x')</script>&`;
    expect(html`<a title="${key}">${key}</a>`.value).toBe(
      '<a title="nih:&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">nih:&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>',
    );
  });

  it('nests SafeHtml as it is, joins arrays, and drops null, undefined and false', () => {
    const items = ['a<b', 'c'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>0',
    );
    expect(html`${trusted('<br>')}`.value).toBe('<br>');
    expect(escapeHtml('plain')).toBe('plain');
  });
});
