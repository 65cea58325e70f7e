import { html } from 'hono/html';
import { layout } from './layout.js';
import type { Html } from './markup.js';

/** A page that only says something: not found, a bad request, an error. */
export function messagePage(heading: string, message: string): Html {
  return layout({
    title: heading,
    body: html`<h1>${heading}</h1><p class="message">${message}</p><p><a href="/">overview</a></p>`,
  });
}
