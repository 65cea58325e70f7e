import { html } from 'hono/html';
import type { Html } from './markup.js';

/**
 * The answer to a request without the token: a login form that sends `?token=` (the server
 * turns it into a cookie and sends the browser back to `path` without it). It never shows the token.
 */
export function unauthorizedPage(message: string, path = '/'): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>token required · freshet</title></head>
<body style="font-family: system-ui, sans-serif; margin: 48px auto; max-width: 520px; color: #1f2430">
<h1 style="font-size: 22px">freshet: token required</h1>
<p id="refused">Refused: ${message}.</p>
<form method="get" action="${path}">
<label>UI token (FRESHET_UI_TOKEN) <input type="password" name="token" autocomplete="current-password" required></label>
<button type="submit">Log in</button>
</form>
</body></html>`;
}
