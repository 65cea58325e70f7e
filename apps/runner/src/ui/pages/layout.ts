import { html } from 'hono/html';
import type { Html, HtmlValue } from './markup.js';

const NAV: ReadonlyArray<[string, string]> = [
  ['/', 'Overview'],
  ['/runs', 'Runs'],
  ['/assets', 'Assets'],
  ['/notifications', 'Notifications'],
  ['/launch', 'Launch a run'],
];

/** The page shell: navigation, the local stylesheet and script (nothing from a CDN). */
export function layout(options: { title: string; active?: string; body: HtmlValue }): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · freshet</title>
<link rel="stylesheet" href="/static/ui.css">
<script type="module" src="/static/ui.js"></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/">freshet</a>
  <nav>${NAV.map(
    ([href, label]) =>
      html`<a href="${href}"${options.active === href ? html` aria-current="page"` : ''}>${label}</a>`,
  )}</nav>
</header>
<main>
${options.body}
</main>
</body>
</html>`;
}
