import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';

/** A page that only says something: not found, a bad request, an error. */
export function messagePage(heading: string, message: string): SafeHtml {
  return layout({
    title: heading,
    body: html`<h1>${heading}</h1><p class="message">${message}</p><p><a href="/">overview</a></p>`,
  });
}
